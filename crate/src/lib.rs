//! vpc-playground: an AWS VPC network model that traces a connection there and back and
//! explains exactly where and why it stops.
//!
//! The crate is in layers; each module uses only the layers below it (docs/architecture.md
//! has the picture). Bottom to top:
//!
//! 1. [`format`]: the formats as written, declared once as serde types: the playground's
//!    scenario and lesson files, and an [`edit`](format::edit) (one change to a scenario).
//!    They hold text as written and resolve nothing.
//! 2. [`model`]: the validated, vendor-neutral network (VPCs, subnets, route tables,
//!    gateways, peering, endpoints, interfaces, security groups, ACLs), its lookup indexes and
//!    route lookup (R1-R3), and AWS's vocabulary in one place: id prefixes, CLI flags and
//!    generated ids ([`model::ids`]), AWS's default rules ([`model::defaults`]), rule types
//!    and their text (`model::rules`). No I/O. [`validate`] (problems as data) and
//!    [`policy`] (IAM policy evaluation, R22) sit beside it. `format` and `model` share the
//!    leaf files `model::ids` and `model::rules`, which import nothing from the crate.
//! 3. [`load`], [`explain`] and [`forward`]. `load` reads input (a scenario, or real
//!    `aws ec2 describe-*` output read into typed records and converted), builds the model,
//!    and reports every problem as a [`validate::Diagnostic`] naming the resource and field.
//!    `explain` is the vocabulary of a drop: Reachability Analyzer codes, the typed
//!    [`Reason`](explain::Reason), the one module that writes English from it, and suggested
//!    fixes (an edit, with its `aws ec2` command). `forward` follows a flow hop by hop, request
//!    then reply, applying the AWS rules of `shared/aws-rules.md`; it reads a
//!    [`model::Estate`], never `load`. A dropped packet is a result, never an error.
//! 4. [`lesson`] (judges a lesson's goals by tracing, applies its solution), [`summary`] (the
//!    model as the page draws it), [`edit`] (the one edit engine: every change the page
//!    makes, and every suggested fix, applied to a scenario) and [`reach`] (who can reach
//!    whom: the matrix, the diff of two estates, intents).
//! 5. Two thin front ends: `src/main.rs` (the `vpc-playground` command) and
//!    `src/bindings.rs` (the only `#[wasm_bindgen]` file, for the web page).

pub mod edit;
pub mod explain;
pub mod format;
pub mod forward;
pub mod lesson;
pub mod load;
pub mod model;
pub mod policy;
pub mod reach;
pub mod summary;
pub mod validate;

#[cfg(target_arch = "wasm32")]
pub mod bindings;

pub use forward::{trace, trace_request, FlowSpec, Trace};
pub use load::{load, InputFile, LoadError, Loaded};
