//! Reusable pieces of the interface.

pub mod error_view;
pub mod feedback_form;
pub mod file_list;
pub mod layout;
pub mod staff_form;
pub mod tracking_form;
pub mod wizard_enhancer;
