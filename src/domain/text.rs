//! Vietnamese text folding, shared by routing, search and the commune
//! picker (it runs in the browser too). It lives in the `phanhoi-routing`
//! crate, which owns text processing.

pub use phanhoi_routing::text::{fold, matches_words, words};
