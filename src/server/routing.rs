//! The routing corpus kept in the repository. The engine (features, model,
//! evaluation) is the `phanhoi-routing` crate, re-exported here; the service
//! that serves suggestions and retrains lives in
//! [`crate::server::services::routing`].

pub mod corpus;

pub use phanhoi_routing::{evaluation, features, Example, Model, Params};
