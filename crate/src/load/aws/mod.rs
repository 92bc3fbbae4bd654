//! AWS `aws ec2 describe-*` output (as the CLI prints it with `--output json`) into a scenario.
//!
//! This is the vendor edge of the loader, and the only code that knows AWS's field names. Each
//! file is read straight from its text into typed records (`records.rs`), so a field of the
//! wrong type is an error naming the file, the path (`Subnets[3].CidrBlock`), the line and the
//! column. The records of all files are then merged, a record seen twice is kept once, and the
//! passes below map each kind onto the types of `scenario.rs`, so that `build/` checks AWS
//! input and hand-written scenarios the same way. Nothing here parses addresses or resolves
//! references; `build/` does that.
//!
//! An AWS feature the engine does not model (IPv6, Gateway Load Balancer endpoints, edge
//! associations, ...) is reported as `unsupported`, never dropped silently.
//!
//! AWS spreads some resources over several calls, and they are put back together here:
//! - an instance's primary interface comes from describe-instances or describe-network-interfaces
//!   (`enis.rs`);
//! - an interface endpoint's addresses come from its network interfaces (`services.rs`);
//! - a VPC's Region comes from its subnets' zones or its peering connections (`network.rs`);
//! - the networks behind a virtual private gateway come from the routes to it (`routing.rs`).

mod enis;
mod network;
pub mod records;
mod routing;
mod security;
mod services;
#[cfg(test)]
mod tests;
mod tgw;
pub mod tgw_records;
mod vpn;

pub use records::AwsFile;

use super::scenario::ScenarioDoc;
use crate::model::ids::ResourceKind;
use crate::validate::{Diagnostic, Diagnostics, Severity};
use records::*;
use serde::de::DeserializeSeed;
use serde_json::error::Category;
use std::cell::Cell;
use std::collections::{HashMap, HashSet};

/// What one file is, found by reading it once.
pub enum Read {
    /// describe-* output: its records.
    Aws(Box<AwsFile>),
    /// A JSON object with none of AWS's keys: its top-level keys (a scenario, or AWS output
    /// the engine does not read).
    Other(Vec<String>),
    /// Not a JSON object, or not JSON: the caller's reader says where.
    Unreadable,
}

/// Reads one file from its text: describe-* output into its records. An error in AWS output
/// names the file, the path, the line and the column.
pub fn read(name: &str, text: &str) -> Result<Read, Diagnostic> {
    if !text.trim_start().starts_with('{') {
        return Ok(Read::Unreadable);
    }
    let aws = Cell::new(false);
    let mut de = serde_json::Deserializer::from_str(text);
    let read = FileSeed { aws: &aws }
        .deserialize(&mut de)
        .and_then(|file| de.end().map(|()| file));
    match read {
        Ok(file) if aws.get() => Ok(Read::Aws(Box::new(file))),
        Ok(file) => Ok(Read::Other(file.other_keys)),
        Err(_) if !aws.get() => Ok(Read::Unreadable),
        Err(e) => Err(read_error(name, text, e)),
    }
}

/// Reads one file of describe-* output from its text. `Ok(None)` when the text is not a JSON
/// object with one of AWS's top-level keys.
pub fn read_file(name: &str, text: &str) -> Result<Option<AwsFile>, Diagnostic> {
    Ok(match read(name, text)? {
        Read::Aws(file) => Some(*file),
        _ => None,
    })
}

/// The error of a file that failed to read, with its line and column and (in the command) the
/// field's path.
fn read_error(name: &str, text: &str, e: serde_json::Error) -> Diagnostic {
    let (field, message) = match e.classify() {
        Category::Syntax | Category::Eof | Category::Io => (
            String::new(),
            format!("not valid JSON: {}", crate::load::json_error(text, &e)),
        ),
        Category::Data => {
            let aws = Cell::new(false);
            let mut path = crate::load::field_path(text, FileSeed { aws: &aws });
            // A missing field is reported on the record; name the field itself.
            let message = crate::load::json_error(text, &e);
            let text = e.to_string();
            if let Some(f) = text
                .strip_prefix("missing field `")
                .and_then(|r| r.split('`').next())
            {
                path = if path.is_empty() {
                    f.to_string()
                } else {
                    format!("{path}.{f}")
                };
            }
            (path, message)
        }
    };
    Diagnostic {
        severity: Severity::Error,
        resource: name.to_string(),
        field,
        message,
    }
}

/// Merges the files' records and converts them into one scenario named after the files.
pub fn convert(files: &[(&str, AwsFile)], diags: &mut Diagnostics) -> ScenarioDoc {
    let input = Input::merge(files, diags);
    missing_parents(&input, diags);
    let mut conv = Conv::new(&input, diags);
    conv.run();
    let mut doc = conv.doc;
    let mut names: Vec<&str> = Vec::new();
    for (name, _) in files {
        if !names.contains(name) {
            names.push(name);
        }
    }
    doc.name = names.join(", ");
    doc
}

/// A whole kind of parent record missing from the input (a partial set of files): one error first
/// that names the describe-* command to add, before the per-record "not in the input" errors that
/// follow from it (a newcomer's report: the wall of those said neither what nor how).
fn missing_parents(input: &Input, d: &mut Diagnostics) {
    let mut counted = |kinds: &[(usize, &str)], parent: &str, key: &str, command: &str| {
        let mut named: Vec<String> = kinds
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{n} {what}"))
            .collect();
        if let Some(last) = named.pop() {
            let named = match named.is_empty() {
                true => last,
                false => format!("{} and {last}", named.join(", ")),
            };
            d.error(
                "input",
                key,
                format!(
                    "the files hold no {parent}, yet {named} refer to them: add the output of \
                     `aws ec2 {command}` (a file with \"{key}\" at the top)"
                ),
            );
        }
    };
    if input.vpcs.is_empty() {
        let kinds = [
            (input.subnets.len(), "subnets"),
            (input.route_tables.len(), "route tables"),
            (input.security_groups.len(), "security groups"),
            (input.network_acls.len(), "network ACLs"),
        ];
        counted(&kinds, "VPCs", "Vpcs", "describe-vpcs");
    }
    if input.subnets.is_empty() {
        let kinds = [
            (input.instances.len(), "instances"),
            (input.network_interfaces.len(), "network interfaces"),
            (input.nat_gateways.len(), "NAT gateways"),
        ];
        counted(&kinds, "subnets", "Subnets", "describe-subnets");
    }
}

// ---------------------------------------------------------------------------------------------
// Merging the files
// ---------------------------------------------------------------------------------------------

/// One record of the input, with where it came from, for messages.
pub(super) struct Located<'a, T> {
    pub file: &'a str,
    /// The path from the top of the file (`Reservations[0].Instances[1]`).
    pub path: String,
    pub rec: &'a T,
}

impl<T> Located<'_, T> {
    /// The full path of one of the record's fields.
    fn at(&self, key: &str) -> String {
        format!("{}.{key}", self.path)
    }

    /// A field the AWS CLI always prints is missing (checked here when it depends on others).
    fn missing(&self, key: &str, d: &mut Diagnostics) {
        d.error(
            self.file,
            &self.at(key),
            "missing (the AWS CLI always prints this field)",
        );
    }
}

/// A record kind: what one record is called in messages, and its id.
trait Record: PartialEq {
    const KIND: ResourceKind;
    const ID_FIELD: &'static str;
    fn id(&self) -> &str;
}

macro_rules! record {
    ($($t:ty, $kind:ident, $field:literal, $id:ident;)*) => {$(
        impl Record for $t {
            const KIND: ResourceKind = ResourceKind::$kind;
            const ID_FIELD: &'static str = $field;
            fn id(&self) -> &str {
                &self.$id
            }
        }
    )*};
}

record! {
    VpcRec, Vpc, "VpcId", vpc_id;
    SubnetRec, Subnet, "SubnetId", subnet_id;
    RouteTableRec, RouteTable, "RouteTableId", route_table_id;
    IgwRec, InternetGateway, "InternetGatewayId", internet_gateway_id;
    NatRec, NatGateway, "NatGatewayId", nat_gateway_id;
    PeeringRec, Peering, "VpcPeeringConnectionId", vpc_peering_connection_id;
    EndpointRec, Endpoint, "VpcEndpointId", vpc_endpoint_id;
    SgRec, SecurityGroup, "GroupId", group_id;
    AclRec, NetworkAcl, "NetworkAclId", network_acl_id;
    EniRec, NetworkInterface, "NetworkInterfaceId", network_interface_id;
    InstanceRec, Instance, "InstanceId", instance_id;
    PrefixListRec, PrefixList, "PrefixListId", prefix_list_id;
    ManagedPrefixListRec, PrefixList, "PrefixListId", prefix_list_id;
    VgwRec, VpnGateway, "VpnGatewayId", vpn_gateway_id;
    VpnConnectionRec, VpnConnection, "VpnConnectionId", vpn_connection_id;
    CustomerGatewayRec, CustomerGateway, "CustomerGatewayId", customer_gateway_id;
}

/// The records of one kind from every file, each id once.
struct Merged<'a, T> {
    list: Vec<Located<'a, T>>,
    seen: HashMap<&'a str, usize>,
}

impl<'a, T: Record> Merged<'a, T> {
    fn new() -> Self {
        Merged {
            list: Vec::new(),
            seen: HashMap::new(),
        }
    }

    fn add(&mut self, file: &'a str, path: String, rec: &'a T, d: &mut Diagnostics) {
        let id = rec.id();
        if id.trim().is_empty() {
            d.error(file, &format!("{path}.{}", T::ID_FIELD), "empty id");
            return;
        }
        let Some(&i) = self.seen.get(id) else {
            self.seen.insert(id, self.list.len());
            self.list.push(Located { file, path, rec });
            return;
        };
        // The same record twice (overlapping calls, or one file given twice) is one resource;
        // a different record under the same id is a mistake worth showing.
        let first = &self.list[i];
        if first.rec != rec {
            let noun = T::KIND.noun();
            d.warn(
                id,
                "",
                format!(
                    "{noun} {id} appears twice with different contents ({} {} and {file} {path}); the first is used",
                    first.file, first.path
                ),
            );
        }
    }

    /// The records of one top-level list of every file.
    fn of_files(
        files: &'a [(&'a str, AwsFile)],
        key: &str,
        get: fn(&AwsFile) -> &[T],
        d: &mut Diagnostics,
    ) -> Self {
        let mut m = Merged::new();
        for (file, f) in files {
            for (i, rec) in get(f).iter().enumerate() {
                m.add(file, format!("{key}[{i}]"), rec, d);
            }
        }
        m
    }
}

/// Every file's records, by kind, each id once, in the order of the files.
pub(super) struct Input<'a> {
    pub vpcs: Vec<Located<'a, VpcRec>>,
    pub subnets: Vec<Located<'a, SubnetRec>>,
    pub route_tables: Vec<Located<'a, RouteTableRec>>,
    pub internet_gateways: Vec<Located<'a, IgwRec>>,
    pub nat_gateways: Vec<Located<'a, NatRec>>,
    pub peerings: Vec<Located<'a, PeeringRec>>,
    pub endpoints: Vec<Located<'a, EndpointRec>>,
    pub security_groups: Vec<Located<'a, SgRec>>,
    pub network_acls: Vec<Located<'a, AclRec>>,
    pub network_interfaces: Vec<Located<'a, EniRec>>,
    pub instances: Vec<Located<'a, InstanceRec>>,
    pub prefix_lists: Vec<Located<'a, PrefixListRec>>,
    pub managed_prefix_lists: Vec<Located<'a, ManagedPrefixListRec>>,
    pub vpn_gateways: Vec<Located<'a, VgwRec>>,
    /// Each file's transit-gateway lists, merged by `tgw.rs` (a peering attachment has the
    /// same id on both gateways, so its records are keyed by attachment and gateway).
    pub tgw: Vec<&'a tgw_records::TgwFile>,
    pub vpn_connections: Vec<Located<'a, VpnConnectionRec>>,
    pub customer_gateways: Vec<Located<'a, CustomerGatewayRec>>,
}

impl<'a> Input<'a> {
    fn merge(files: &'a [(&'a str, AwsFile)], d: &mut Diagnostics) -> Input<'a> {
        warn_other_keys(files, d);
        let mut instances = Merged::new();
        for (file, f) in files {
            for (i, r) in f.reservations.iter().enumerate() {
                for (j, inst) in r.instances.iter().enumerate() {
                    instances.add(file, format!("Reservations[{i}].Instances[{j}]"), inst, d);
                }
            }
        }
        // One top-level list of every file, by the key it has in the file.
        macro_rules! merged {
            ($key:literal, $field:ident) => {
                Merged::of_files(files, $key, |f| &f.$field, d).list
            };
        }
        Input {
            vpcs: merged!("Vpcs", vpcs),
            subnets: merged!("Subnets", subnets),
            route_tables: merged!("RouteTables", route_tables),
            internet_gateways: merged!("InternetGateways", internet_gateways),
            nat_gateways: merged!("NatGateways", nat_gateways),
            peerings: merged!("VpcPeeringConnections", vpc_peering_connections),
            endpoints: merged!("VpcEndpoints", vpc_endpoints),
            security_groups: merged!("SecurityGroups", security_groups),
            network_acls: merged!("NetworkAcls", network_acls),
            network_interfaces: merged!("NetworkInterfaces", network_interfaces),
            instances: instances.list,
            prefix_lists: merged!("PrefixLists", prefix_lists),
            managed_prefix_lists: merged!("ManagedPrefixLists", managed_prefix_lists),
            vpn_gateways: merged!("VpnGateways", vpn_gateways),
            tgw: files.iter().map(|(_, f)| &f.tgw).collect(),
            vpn_connections: merged!("VpnConnections", vpn_connections),
            customer_gateways: merged!("CustomerGateways", customer_gateways),
        }
    }
}

/// A top-level key that is not describe-* output read here is named once, on the first file
/// that has it.
fn warn_other_keys(files: &[(&str, AwsFile)], d: &mut Diagnostics) {
    let mut told: HashSet<&str> = HashSet::new();
    for (file, f) in files {
        for key in &f.other_keys {
            if !told.insert(key) {
                continue;
            }
            let message = if key == "NextToken" {
                "NextToken: the output was cut short (--max-items), so records are missing; \
                 run the command again without --max-items"
                    .to_string()
            } else {
                let shown = crate::load::json_key(key);
                format!("{shown} is not describe-* output this playground reads; it was ignored")
            };
            // Keys come from the file: the field is shown as in messages, escaped and cut.
            d.warn(file, &crate::load::shown_key(key), message);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The converter
// ---------------------------------------------------------------------------------------------

fn push_unique(list: &mut Vec<String>, s: &str) {
    if !list.iter().any(|x| x == s) {
        list.push(s.to_string());
    }
}

/// One CIDR goes in `cidr`, several in `cidrs` (the primary first), as an author would write.
fn one_or_many(mut cidrs: Vec<String>) -> (Option<String>, Vec<String>) {
    if cidrs.len() == 1 {
        (cidrs.pop(), Vec::new())
    } else {
        (None, cidrs)
    }
}

/// The converter's state: the input, the scenario being written, and the cross-references
/// that one kind of record needs from another. Each pass is an `impl Conv` in its own file.
struct Conv<'a, 'i, 'd> {
    input: &'i Input<'a>,
    d: &'d mut Diagnostics,
    doc: ScenarioDoc,
    /// Network interfaces (describe-network-interfaces, then those only describe-instances
    /// lists), each read once.
    enis: Vec<enis::Eni<'a>>,
    eni_pos: HashMap<&'a str, usize>,
    /// VPC id to its CIDRs, for VPCs in the input or synthesized from a peering connection.
    vpc_cidrs: HashMap<String, Vec<String>>,
    /// VPC id to (Region, where that was seen).
    regions: HashMap<String, (String, String)>,
    region_conflicts: HashSet<String>,
    /// Endpoint id to `VpcEndpointType`.
    endpoint_types: HashMap<&'a str, &'a str>,
    /// (gateway endpoint, route table) pairs the builder routes itself.
    endpoint_tables: HashSet<(&'a str, &'a str)>,
    /// Interfaces that belong to a NAT gateway or an endpoint.
    owned_enis: HashSet<&'a str>,
    /// Virtual private gateway to the CIDRs routed to it.
    vgw_cidrs: HashMap<&'a str, Vec<String>>,
}

impl<'a, 'i, 'd> Conv<'a, 'i, 'd> {
    fn new(input: &'i Input<'a>, d: &'d mut Diagnostics) -> Self {
        let mut enis = Vec::new();
        let mut eni_pos = HashMap::new();
        for r in &input.network_interfaces {
            eni_pos.insert(r.rec.network_interface_id.as_str(), enis.len());
            enis.push(enis::Eni::read(r.file, r.path.clone(), r.rec, None));
        }
        Conv {
            input,
            d,
            doc: ScenarioDoc::default(),
            enis,
            eni_pos,
            vpc_cidrs: HashMap::new(),
            regions: HashMap::new(),
            region_conflicts: HashSet::new(),
            endpoint_types: HashMap::new(),
            endpoint_tables: HashSet::new(),
            owned_enis: HashSet::new(),
            vgw_cidrs: HashMap::new(),
        }
    }

    /// The passes, in the order their cross-references need.
    fn run(&mut self) {
        self.vpcs();
        self.subnets();
        self.peerings();
        self.endpoints();
        self.route_tables();
        self.internet_gateways();
        self.nat_gateways();
        self.security_groups();
        self.network_acls();
        self.prefix_lists();
        self.vpn_gateways();
        self.transit_gateways();
        self.vpn_connections();
        self.instances_and_interfaces();
        self.apply_regions();
    }
}
