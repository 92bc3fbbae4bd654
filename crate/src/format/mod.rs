//! The formats as written: the playground's scenario and lesson files, declared once as serde
//! types. They hold text as written (ids, CIDRs, protocol names) and depend on nothing else in
//! the crate; `load` checks them and builds the model.

pub mod edit;
pub mod intent;
pub mod lesson;
pub mod scenario;
pub mod tgw;
