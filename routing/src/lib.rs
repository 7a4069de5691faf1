//! Routing a citizen's complaint to the competent agency by what it says.
//!
//! A self-contained engine with no web or database dependencies, so it
//! builds in seconds with full optimisation (tests train real models) and
//! its text folding also runs in the browser:
//!
//! - [`text`]: Vietnamese folding ("Đường hỏng" = "duong hong");
//! - [`features`]: from a complaint to weighted terms;
//! - [`model`]: multinomial logistic regression, calibrated;
//! - [`lbfgs`]: the optimiser that fits it;
//! - [`evaluation`]: stratified k-fold cross-validation and its report.

pub mod evaluation;
pub mod features;
pub mod lbfgs;
pub mod model;
pub mod text;

pub use model::{Example, Model, Params, TrainError};
