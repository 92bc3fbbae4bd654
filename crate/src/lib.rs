//! vpc-playground: an AWS VPC network model that traces a connection there and back and
//! explains exactly where and why it stops.
//!
//! The crate has four layers, each only reading the one above it:
//!
//! - [`load`] reads input: the playground's scenario format, or real `aws ec2 describe-*`
//!   output converted into that format. It builds the [`model`] and reports every problem as a
//!   [`validate::Diagnostic`] naming the resource and field.
//! - [`model`] is the validated, vendor-neutral network (VPCs, subnets, route tables, gateways,
//!   peering, endpoints, interfaces, security groups, ACLs) with its lookup indexes. No I/O.
//! - [`forward`] follows a flow hop by hop, request then reply, applying the AWS rules R1-R26 of
//!   `shared/aws-rules.md`. A dropped packet is a result, never an error.
//! - [`explain`] turns a drop into a plain sentence, a Reachability Analyzer code and a
//!   suggested fix (as data and as an `aws ec2 ...` command); [`fix`] applies such a fix.
//!
//! [`lesson`] checks a lesson's goals by tracing, and applies its solution. [`json`] is the
//! crate's own small JSON reader and writer, shared by all of the above.
//!
//! Two thin front ends sit on top: `src/main.rs` (the `vpc-playground` command) and
//! `src/bindings.rs` (the only `#[wasm_bindgen]` file, for the web page).

pub mod edit;
pub mod explain;
pub mod format;
pub mod forward;
pub mod lesson;
pub mod load;
pub mod model;
pub mod policy;
pub mod summary;
pub mod validate;

#[cfg(target_arch = "wasm32")]
pub mod bindings;

pub use forward::{trace, trace_request, FlowSpec, Trace};
pub use load::{load, InputFile, LoadError, Loaded};
