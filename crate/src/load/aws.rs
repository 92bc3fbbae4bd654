//! AWS `aws ec2 describe-*` output (as the CLI prints it with `--output json`) into a scenario.
//!
//! This is the vendor edge of the loader, and the only code that knows AWS's field names. It
//! merges the files, drops records seen twice, and maps each record onto the types of
//! `scenario.rs`, so that `build.rs` checks AWS input and hand-written scenarios the same way.
//! It parses no addresses and resolves no references; `build.rs` does that.
//!
//! Input is untrusted, and AWS adds fields all the time, so every field is read defensively:
//! unknown fields are ignored, a field of the wrong type is an error naming the file and the
//! path (`Subnets[3].CidrBlock`), and an AWS feature the engine does not model (transit
//! gateways, IPv6, Gateway Load Balancer endpoints, edge associations, ...) is reported as
//! `unsupported`, never dropped silently.
//!
//! AWS spreads some resources over several calls, and they are put back together here:
//! - an instance's primary interface comes from describe-instances or describe-network-interfaces;
//! - an interface endpoint's addresses come from its network interfaces;
//! - a VPC's Region comes from its subnets' zones or from its peering connections;
//! - the networks behind a virtual private gateway come from the routes that point to it.

use super::scenario::{
    EndpointDoc, EndpointEniDoc, EniDoc, IgwDoc, InstanceDoc, NaclRuleDoc, NatDoc, NetworkAclDoc,
    PeeringDoc, PortsDoc, PrefixListDoc, RouteDoc, RouteTableDoc, ScenarioDoc, SecurityGroupDoc,
    SgRuleDoc, SubnetDoc, VgwDoc, VpcDoc,
};
use crate::json::{self, Value};
use crate::validate::Diagnostics;
use std::collections::{HashMap, HashSet};

/// Merges the files' describe-* keys and converts them into one scenario.
pub fn convert(files: &[(&str, Value)], diags: &mut Diagnostics) -> ScenarioDoc {
    let mut input = Input::default();
    for (name, value) in files {
        input.add_file(name, value, diags);
    }
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

/// The Region of an availability zone name: the dash-separated parts up to the first one that
/// starts with a digit, without the zone letter. This covers `us-east-1a`, local zones
/// (`us-west-2-lax-1a`), Wavelength zones (`us-east-1-wl1-bos-wlz-1`) and `us-gov-west-1a`.
fn region_of_az(az: &str) -> Option<String> {
    let parts: Vec<&str> = az.split('-').collect();
    let i = parts
        .iter()
        .position(|p| p.starts_with(|c: char| c.is_ascii_digit()))?;
    if i < 2 {
        return None;
    }
    let number = parts[i].trim_end_matches(|c: char| c.is_ascii_lowercase());
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(format!("{}-{number}", parts[..i].join("-")))
}

// ---------------------------------------------------------------------------------------------
// Reading JSON defensively
// ---------------------------------------------------------------------------------------------

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A place in one input file: a JSON value and its path there, for messages.
#[derive(Clone, Debug)]
struct Node<'a> {
    file: &'a str,
    /// The path from the top of the file (`Subnets[3].Tags[0]`).
    path: String,
    /// Where the part of `path` inside the current record starts.
    base: usize,
    v: &'a Value,
}

impl<'a> Node<'a> {
    /// A record at the top of a describe-* key.
    fn record(file: &'a str, path: String, v: &'a Value) -> Node<'a> {
        let base = path.len();
        Node {
            file,
            path,
            base,
            v,
        }
    }

    /// This node as the start of a record (for instances nested in reservations).
    fn rooted(mut self) -> Node<'a> {
        self.base = self.path.len();
        self
    }

    /// The full path of a field, for errors that name the file.
    fn at(&self, key: &str) -> String {
        format!("{}.{key}", self.path)
    }

    /// The path of a field inside the record (`Routes[2].TransitGatewayId`), for messages that
    /// name the resource.
    fn rel(&self, key: &str) -> String {
        let inner = self.path.get(self.base..).unwrap_or("");
        let inner = inner.trim_start_matches('.');
        match (inner.is_empty(), key.is_empty()) {
            (true, _) => key.to_string(),
            (false, true) => inner.to_string(),
            (false, false) => format!("{inner}.{key}"),
        }
    }

    fn wrong_type(&self, key: &str, want: &str, got: &Value, d: &mut Diagnostics) {
        d.error(
            self.file,
            &self.at(key),
            format!("expected {want}, found {}", type_name(got)),
        );
    }

    fn missing(&self, key: &str, d: &mut Diagnostics) {
        d.error(
            self.file,
            &self.at(key),
            "missing (the AWS CLI always prints this field)",
        );
    }

    /// The field's value; `None` when absent or null (AWS omits empty fields either way).
    fn get(&self, key: &str) -> Option<&'a Value> {
        self.v.get(key).filter(|v| !v.is_null())
    }

    /// A required field, read with `read`; an error when it is absent.
    fn req<T>(
        &self,
        key: &str,
        d: &mut Diagnostics,
        read: impl FnOnce(&Self, &str, &mut Diagnostics) -> Option<T>,
    ) -> Option<T> {
        if self.get(key).is_none() {
            self.missing(key, d);
            return None;
        }
        read(self, key, d)
    }

    fn str(&self, key: &str, d: &mut Diagnostics) -> Option<&'a str> {
        let v = self.get(key)?;
        match v.as_str() {
            Some(s) => Some(s),
            None => {
                self.wrong_type(key, "a string", v, d);
                None
            }
        }
    }

    fn bool(&self, key: &str, d: &mut Diagnostics) -> Option<bool> {
        let v = self.get(key)?;
        match v.as_bool() {
            Some(b) => Some(b),
            None => {
                self.wrong_type(key, "true or false", v, d);
                None
            }
        }
    }

    fn int(&self, key: &str, d: &mut Diagnostics) -> Option<i64> {
        let v = self.get(key)?;
        match v.as_i64() {
            Some(n) => Some(n),
            None => {
                self.wrong_type(key, "a whole number", v, d);
                None
            }
        }
    }

    fn obj(&self, key: &str, d: &mut Diagnostics) -> Option<Node<'a>> {
        let v = self.get(key)?;
        if !v.is_object() {
            self.wrong_type(key, "an object", v, d);
            return None;
        }
        Some(Node {
            file: self.file,
            path: self.at(key),
            base: self.base,
            v,
        })
    }

    /// The elements of an array field (any type); absent means empty.
    fn list(&self, key: &str, d: &mut Diagnostics) -> Vec<Node<'a>> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        let Some(items) = v.as_array() else {
            self.wrong_type(key, "an array", v, d);
            return Vec::new();
        };
        items
            .iter()
            .enumerate()
            .map(|(i, v)| Node {
                file: self.file,
                path: format!("{}.{key}[{i}]", self.path),
                base: self.base,
                v,
            })
            .collect()
    }

    /// The objects of an array field; other elements are errors.
    fn objs(&self, key: &str, d: &mut Diagnostics) -> Vec<Node<'a>> {
        let mut out = Vec::new();
        for n in self.list(key, d) {
            if n.v.is_object() {
                out.push(n);
            } else {
                d.error(
                    n.file,
                    &n.path,
                    format!("expected an object, found {}", type_name(n.v)),
                );
            }
        }
        out
    }

    /// The strings of an array field; other elements are errors.
    fn strs(&self, key: &str, d: &mut Diagnostics) -> Vec<&'a str> {
        let mut out = Vec::new();
        for n in self.list(key, d) {
            match n.v.as_str() {
                Some(s) => out.push(s),
                None => d.error(
                    n.file,
                    &n.path,
                    format!("expected a string, found {}", type_name(n.v)),
                ),
            }
        }
        out
    }

    /// The `Name` tag (`Tags`, or `TagSet` on network interfaces); empty when there is none.
    fn name(&self, d: &mut Diagnostics) -> String {
        for key in ["Tags", "TagSet"] {
            for t in self.objs(key, d) {
                if t.str("Key", d) == Some("Name") {
                    return t.str("Value", d).unwrap_or_default().to_string();
                }
            }
        }
        String::new()
    }

    /// `GroupId`s of a `Groups` (or `SecurityGroups`) list.
    fn group_ids(&self, key: &str, d: &mut Diagnostics) -> Vec<String> {
        self.objs(key, d)
            .iter()
            .filter_map(|g| g.req("GroupId", d, Node::str))
            .map(String::from)
            .collect()
    }
}

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

// ---------------------------------------------------------------------------------------------
// Merging the files
// ---------------------------------------------------------------------------------------------

/// The kinds of record this module reads, one per describe-* output key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Kind {
    Vpc,
    Subnet,
    RouteTable,
    InternetGateway,
    NatGateway,
    Peering,
    Endpoint,
    SecurityGroup,
    NetworkAcl,
    NetworkInterface,
    Instance,
    PrefixList,
    ManagedPrefixList,
    VpnGateway,
}

impl Kind {
    const ALL: [Kind; 14] = [
        Kind::Vpc,
        Kind::Subnet,
        Kind::RouteTable,
        Kind::InternetGateway,
        Kind::NatGateway,
        Kind::Peering,
        Kind::Endpoint,
        Kind::SecurityGroup,
        Kind::NetworkAcl,
        Kind::NetworkInterface,
        Kind::Instance,
        Kind::PrefixList,
        Kind::ManagedPrefixList,
        Kind::VpnGateway,
    ];

    /// The top-level key of the describe-* output.
    fn key(self) -> &'static str {
        match self {
            Kind::Vpc => "Vpcs",
            Kind::Subnet => "Subnets",
            Kind::RouteTable => "RouteTables",
            Kind::InternetGateway => "InternetGateways",
            Kind::NatGateway => "NatGateways",
            Kind::Peering => "VpcPeeringConnections",
            Kind::Endpoint => "VpcEndpoints",
            Kind::SecurityGroup => "SecurityGroups",
            Kind::NetworkAcl => "NetworkAcls",
            Kind::NetworkInterface => "NetworkInterfaces",
            Kind::Instance => "Reservations",
            Kind::PrefixList => "PrefixLists",
            Kind::ManagedPrefixList => "ManagedPrefixLists",
            Kind::VpnGateway => "VpnGateways",
        }
    }

    /// The field that holds a record's id.
    fn id_field(self) -> &'static str {
        match self {
            Kind::Vpc => "VpcId",
            Kind::Subnet => "SubnetId",
            Kind::RouteTable => "RouteTableId",
            Kind::InternetGateway => "InternetGatewayId",
            Kind::NatGateway => "NatGatewayId",
            Kind::Peering => "VpcPeeringConnectionId",
            Kind::Endpoint => "VpcEndpointId",
            Kind::SecurityGroup => "GroupId",
            Kind::NetworkAcl => "NetworkAclId",
            Kind::NetworkInterface => "NetworkInterfaceId",
            Kind::Instance => "InstanceId",
            Kind::PrefixList | Kind::ManagedPrefixList => "PrefixListId",
            Kind::VpnGateway => "VpnGatewayId",
        }
    }

    /// What one record is, for messages.
    fn noun(self) -> &'static str {
        match self {
            Kind::Vpc => "VPC",
            Kind::Subnet => "subnet",
            Kind::RouteTable => "route table",
            Kind::InternetGateway => "internet gateway",
            Kind::NatGateway => "NAT gateway",
            Kind::Peering => "peering connection",
            Kind::Endpoint => "VPC endpoint",
            Kind::SecurityGroup => "security group",
            Kind::NetworkAcl => "network ACL",
            Kind::NetworkInterface => "network interface",
            Kind::Instance => "instance",
            Kind::PrefixList | Kind::ManagedPrefixList => "prefix list",
            Kind::VpnGateway => "virtual private gateway",
        }
    }
}

/// One record of the input, with its id.
struct Rec<'a> {
    node: Node<'a>,
    id: &'a str,
}

/// Every file's records, by kind, each id once.
#[derive(Default)]
struct Input<'a> {
    recs: HashMap<Kind, Vec<Rec<'a>>>,
    seen: HashMap<(Kind, &'a str), usize>,
    unknown_keys: HashSet<&'a str>,
}

impl<'a> Input<'a> {
    fn of(&self, kind: Kind) -> &[Rec<'a>] {
        self.recs.get(&kind).map_or(&[], Vec::as_slice)
    }

    fn add_file(&mut self, file: &'a str, value: &'a Value, d: &mut Diagnostics) {
        let Some(obj) = value.as_object() else {
            d.error(
                file,
                "",
                format!(
                    "expected a JSON object at the top level, found {}",
                    type_name(value)
                ),
            );
            return;
        };
        for kind in Kind::ALL {
            let Some(v) = obj.get(kind.key()) else {
                continue;
            };
            let Some(items) = v.as_array() else {
                d.error(
                    file,
                    kind.key(),
                    format!(
                        "expected an array of {} records, found {}",
                        kind.noun(),
                        type_name(v)
                    ),
                );
                continue;
            };
            for (i, item) in items.iter().enumerate() {
                let node = Node::record(file, format!("{}[{i}]", kind.key()), item);
                if kind != Kind::Instance {
                    self.add(kind, node, d);
                } else if !item.is_object() {
                    d.error(
                        file,
                        &node.path,
                        format!(
                            "expected a reservation (an object), found {}",
                            type_name(item)
                        ),
                    );
                } else {
                    // describe-instances nests instances inside reservations.
                    for inst in node.list("Instances", d) {
                        self.add(kind, inst.rooted(), d);
                    }
                }
            }
        }
        for key in obj.keys() {
            let known = Kind::ALL.iter().any(|k| k.key() == key);
            if known || !self.unknown_keys.insert(key.as_str()) {
                continue;
            }
            let message = if key == "NextToken" {
                "NextToken: the output was cut short (--max-items), so records are missing; run the command again without --max-items".to_string()
            } else {
                format!("\"{key}\" is not describe-* output this playground reads; it was ignored")
            };
            d.warn(file, key, message);
        }
    }

    fn add(&mut self, kind: Kind, node: Node<'a>, d: &mut Diagnostics) {
        if !node.v.is_object() {
            d.error(
                node.file,
                &node.path,
                format!(
                    "expected an object (one {} record), found {}",
                    kind.noun(),
                    type_name(node.v)
                ),
            );
            return;
        }
        let Some(id) = node.req(kind.id_field(), d, Node::str) else {
            return;
        };
        if id.trim().is_empty() {
            d.error(node.file, &node.at(kind.id_field()), "empty id");
            return;
        }
        let list = self.recs.entry(kind).or_default();
        match self.seen.get(&(kind, id)) {
            Some(&i) => {
                // The same record twice (overlapping calls, or one file given twice) is one
                // resource; a different record under the same id is a mistake worth showing.
                let first = &list[i].node;
                if first.v != node.v {
                    d.warn(
                        id,
                        "",
                        format!(
                            "{} {id} appears twice with different contents ({} {} and {} {}); the first is used",
                            kind.noun(),
                            first.file,
                            first.path,
                            node.file,
                            node.path
                        ),
                    );
                }
            }
            None => {
                self.seen.insert((kind, id), list.len());
                list.push(Rec { node, id });
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Converting the records
// ---------------------------------------------------------------------------------------------

/// A network interface as describe-network-interfaces or describe-instances prints it.
struct Eni<'a> {
    node: Node<'a>,
    id: &'a str,
    name: String,
    subnet: Option<&'a str>,
    private_ip: Option<&'a str>,
    secondary_ips: Vec<String>,
    public_ip: Option<&'a str>,
    groups: Vec<String>,
    source_dest_check: Option<bool>,
    description: &'a str,
    interface_type: &'a str,
    /// The instance it is attached to: `Attachment.InstanceId`, or the instance listing it.
    instance: Option<&'a str>,
    device_index: Option<i64>,
}

fn read_eni<'a>(
    n: &Node<'a>,
    id: &'a str,
    listed_by: Option<&'a str>,
    d: &mut Diagnostics,
) -> Eni<'a> {
    let private_ip = n.str("PrivateIpAddress", d);
    let mut secondary_ips = Vec::new();
    for a in n.objs("PrivateIpAddresses", d) {
        let primary = a.bool("Primary", d) == Some(true);
        if let Some(ip) = a.str("PrivateIpAddress", d) {
            if !primary && Some(ip) != private_ip {
                push_unique(&mut secondary_ips, ip);
            }
        }
    }
    let (mut instance, mut device_index) = (None, None);
    if let Some(a) = n.obj("Attachment", d) {
        let status = a.str("Status", d);
        if !matches!(status, Some("detaching" | "detached")) {
            instance = a.str("InstanceId", d);
            device_index = a.int("DeviceIndex", d);
        }
    }
    Eni {
        id,
        name: n.name(d),
        subnet: n.str("SubnetId", d),
        private_ip,
        secondary_ips,
        public_ip: n.obj("Association", d).and_then(|a| a.str("PublicIp", d)),
        groups: n.group_ids("Groups", d),
        source_dest_check: n.bool("SourceDestCheck", d),
        description: n.str("Description", d).unwrap_or_default(),
        interface_type: n.str("InterfaceType", d).unwrap_or("interface"),
        instance: listed_by.or(instance),
        device_index,
        node: n.clone(),
    }
}

/// The fields of describe-instances that the scenario keeps.
struct InstanceRec<'a> {
    node: Node<'a>,
    id: &'a str,
    name: String,
    subnet: Option<&'a str>,
    private_ip: Option<&'a str>,
    public_ip: Option<&'a str>,
    groups: Option<Vec<String>>,
    source_dest_check: Option<bool>,
    primary_eni: Option<&'a str>,
}

/// Route target fields of describe-route-tables, in the order they are preferred (an instance
/// route carries both `NetworkInterfaceId` and `InstanceId`), and what each unsupported one is.
const TARGET_FIELDS: &[(&str, Option<&str>)] = &[
    ("NetworkInterfaceId", None),
    ("InstanceId", None),
    ("GatewayId", None),
    ("NatGatewayId", None),
    ("VpcPeeringConnectionId", None),
    ("TransitGatewayId", Some("a transit gateway")),
    (
        "EgressOnlyInternetGatewayId",
        Some("an egress-only internet gateway"),
    ),
    ("CarrierGatewayId", Some("a carrier gateway (Wavelength)")),
    ("LocalGatewayId", Some("a local gateway (Outposts)")),
    ("CoreNetworkArn", Some("a Cloud WAN core network")),
    ("OdbNetworkArn", Some("an Oracle Database@AWS network")),
];

/// Protocol as the scenario writes it; AWS uses `-1` and numbers in ACLs, names in groups.
fn protocol_name(p: &str) -> String {
    match p.trim().to_ascii_lowercase().as_str() {
        "-1" | "all" => "all".into(),
        "6" | "tcp" => "tcp".into(),
        "17" | "udp" => "udp".into(),
        "1" | "icmp" => "icmp".into(),
        "icmpv6" => "58".into(),
        other => other.into(),
    }
}

/// Ports mean something only for TCP and UDP; for ICMP AWS puts the type and code there.
fn has_ports(protocol: &str) -> bool {
    protocol == "tcp" || protocol == "udp"
}

/// A port range from two fields; absent or `-1` means all ports.
fn port_range(n: &Node, from_key: &str, to_key: &str, d: &mut Diagnostics) -> Option<PortsDoc> {
    let from = n.int(from_key, d);
    let to = n.int(to_key, d);
    let (from, to) = match (from, to) {
        (None, None) | (Some(-1), _) | (_, Some(-1)) => return None,
        (Some(f), Some(t)) => (f, t),
        (Some(p), None) | (None, Some(p)) => (p, p),
    };
    match (u16::try_from(from), u16::try_from(to)) {
        (Ok(f), Ok(t)) if f <= t => Some(if f == t {
            PortsDoc::Number(f)
        } else {
            PortsDoc::Text(format!("{f}-{t}"))
        }),
        _ => {
            d.error(
                n.file,
                &n.at(from_key),
                format!("port range {from}-{to} is not within 0-65535"),
            );
            None
        }
    }
}

/// The converter's state: the input, the scenario being written, and the cross-references
/// that one kind of record needs from another.
struct Conv<'a, 'i, 'd> {
    input: &'i Input<'a>,
    d: &'d mut Diagnostics,
    doc: ScenarioDoc,
    /// Network interfaces (describe-network-interfaces, then those only describe-instances
    /// lists), each read once.
    enis: Vec<Eni<'a>>,
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
        for r in input.of(Kind::NetworkInterface) {
            eni_pos.insert(r.id, enis.len());
            enis.push(read_eni(&r.node, r.id, None, d));
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
        self.instances_and_interfaces();
        self.apply_regions();
    }

    /// Records where a VPC's Region was seen; a second, different Region is a warning.
    fn region_seen(&mut self, vpc: &str, region: &str, source: String) {
        match self.regions.get(vpc) {
            None => {
                self.regions
                    .insert(vpc.to_string(), (region.to_string(), source));
            }
            Some((r, first)) if r != region && self.region_conflicts.insert(vpc.to_string()) => {
                self.d.warn(
                    vpc,
                    "",
                    format!("{first} places it in {r}, but {source} in {region}; {r} is used"),
                );
            }
            Some(_) => {}
        }
    }

    fn vpcs(&mut self) {
        let input = self.input;
        for r in input.of(Kind::Vpc) {
            let n = &r.node;
            let primary = n.str("CidrBlock", self.d);
            let mut cidrs = Vec::new();
            for a in n.objs("CidrBlockAssociationSet", self.d) {
                let state = a
                    .obj("CidrBlockState", self.d)
                    .and_then(|s| s.str("State", self.d));
                // A block being associated or removed carries no traffic.
                if state.is_some_and(|s| s != "associated") {
                    continue;
                }
                if let Some(c) = a.str("CidrBlock", self.d) {
                    push_unique(&mut cidrs, c);
                }
            }
            match primary {
                Some(p) if cidrs.is_empty() => cidrs.push(p.to_string()),
                Some(p) => {
                    if let Some(i) = cidrs.iter().position(|c| c == p) {
                        let c = cidrs.remove(i);
                        cidrs.insert(0, c);
                    }
                }
                None if cidrs.is_empty() => {
                    n.missing("CidrBlock", self.d);
                    continue;
                }
                None => {}
            }
            self.vpc_cidrs.insert(r.id.to_string(), cidrs.clone());
            let (cidr, cidrs) = one_or_many(cidrs);
            self.doc.vpcs.push(VpcDoc {
                id: r.id.to_string(),
                name: n.name(self.d),
                cidr,
                cidrs,
                region: None,
                account: n.str("OwnerId", self.d).map(String::from),
                // describe-vpcs does not print the DNS attributes (describe-vpc-attribute does).
                dns_support: true,
                dns_hostnames: true,
            });
        }
    }

    fn subnets(&mut self) {
        let input = self.input;
        for r in input.of(Kind::Subnet) {
            let n = &r.node;
            let vpc = n.req("VpcId", self.d, Node::str);
            let az = n.str("AvailabilityZone", self.d);
            let cidr = if n.get("CidrBlock").is_none() && n.bool("Ipv6Native", self.d) == Some(true)
            {
                self.d.unsupported(
                    r.id,
                    "Ipv6Native",
                    "an IPv6-only subnet: IPv6 is not modelled, so the subnet is left out",
                );
                continue;
            } else {
                n.req("CidrBlock", self.d, Node::str)
            };
            let (Some(vpc), Some(cidr)) = (vpc, cidr) else {
                continue;
            };
            if let Some(region) = az.and_then(region_of_az) {
                let source = format!("subnet {} ({})", r.id, az.unwrap_or_default());
                self.region_seen(vpc, &region, source);
            }
            self.doc.subnets.push(SubnetDoc {
                id: r.id.to_string(),
                name: n.name(self.d),
                vpc: vpc.to_string(),
                cidr: cidr.to_string(),
                az: az.map(String::from),
            });
        }
    }

    fn peerings(&mut self) {
        let input = self.input;
        for r in input.of(Kind::Peering) {
            let n = &r.node;
            let mut sides = Vec::new();
            for key in ["RequesterVpcInfo", "AccepterVpcInfo"] {
                let side = n.req(key, self.d, Node::obj);
                let vpc = side
                    .as_ref()
                    .and_then(|s| s.req("VpcId", self.d, Node::str));
                if let (Some(side), Some(vpc)) = (&side, vpc) {
                    if let Some(region) = side.str("Region", self.d) {
                        self.region_seen(vpc, region, format!("peering connection {}", r.id));
                    }
                    self.peer_vpc(side, vpc, r.id);
                }
                sides.push(vpc);
            }
            let status = n.obj("Status", self.d).and_then(|s| s.str("Code", self.d));
            let (Some(Some(requester)), Some(Some(accepter))) = (sides.first(), sides.get(1))
            else {
                continue;
            };
            self.doc.peering_connections.push(PeeringDoc {
                id: r.id.to_string(),
                name: n.name(self.d),
                requester: requester.to_string(),
                accepter: accepter.to_string(),
                status: status.map(String::from),
            });
        }
    }

    /// A VPC the input does not describe, typically the other account's or Region's side of a
    /// peering connection, is made from what the connection says about it, so routes to the
    /// connection still lead somewhere.
    fn peer_vpc(&mut self, side: &Node<'a>, vpc: &str, pcx: &str) {
        if self.vpc_cidrs.contains_key(vpc) {
            return;
        }
        let mut cidrs = Vec::new();
        for b in side.objs("CidrBlockSet", self.d) {
            if let Some(c) = b.str("CidrBlock", self.d) {
                push_unique(&mut cidrs, c);
            }
        }
        let primary = side.str("CidrBlock", self.d);
        match primary {
            Some(p) if !cidrs.iter().any(|c| c == p) => cidrs.insert(0, p.to_string()),
            _ => {}
        }
        // Marks the VPC as handled either way, so a second connection does not repeat this.
        self.vpc_cidrs.insert(vpc.to_string(), cidrs.clone());
        if cidrs.is_empty() {
            self.d.warn(
                vpc,
                "",
                format!("VPC {vpc} is a side of peering connection {pcx} but is not in the input, and the connection does not give its CIDR; add its describe-vpcs output"),
            );
            return;
        }
        let account = side.str("OwnerId", self.d);
        let region = side.str("Region", self.d);
        self.d.warn(
            vpc,
            "",
            format!(
                "peer VPC described only by the peering connection {pcx} (account {}, Region {}): its CIDRs come from there; its subnets, route tables and security groups are unknown",
                account.unwrap_or("unknown"),
                region.unwrap_or("unknown")
            ),
        );
        let (cidr, cidrs) = one_or_many(cidrs);
        self.doc.vpcs.push(VpcDoc {
            id: vpc.to_string(),
            name: String::new(),
            cidr,
            cidrs,
            region: region.map(String::from),
            account: account.map(String::from),
            dns_support: true,
            dns_hostnames: true,
        });
    }

    fn endpoints(&mut self) {
        let input = self.input;
        for r in input.of(Kind::Endpoint) {
            let n = &r.node;
            let id = r.id;
            let kind = n.req("VpcEndpointType", self.d, Node::str);
            let eni_ids = n.strs("NetworkInterfaceIds", self.d);
            for &eni in &eni_ids {
                self.owned_enis.insert(eni);
            }
            let Some(kind) = kind else { continue };
            self.endpoint_types.insert(id, kind);
            let kind = match kind {
                "Gateway" => "gateway",
                "Interface" => "interface",
                other => {
                    self.d.unsupported(
                        id,
                        "VpcEndpointType",
                        format!("{other} endpoints are not modelled; the endpoint is left out"),
                    );
                    continue;
                }
            };
            let state = n.str("State", self.d).unwrap_or_default();
            if matches!(
                state.to_ascii_lowercase().as_str(),
                "deleting" | "deleted" | "rejected" | "failed" | "expired"
            ) {
                self.d.warn(
                    id,
                    "State",
                    format!(
                        "the endpoint is {state}, so it is left out; routes to it lead nowhere"
                    ),
                );
                continue;
            }
            let vpc = n.req("VpcId", self.d, Node::str);
            let service = n.req("ServiceName", self.d, Node::str);
            let policy = self.policy(n, id);
            let (Some(vpc), Some(service)) = (vpc, service) else {
                continue;
            };
            let mut e = EndpointDoc {
                id: id.to_string(),
                name: n.name(self.d),
                vpc: vpc.to_string(),
                service: service.to_string(),
                kind: kind.to_string(),
                private_dns: true,
                // TODO(serde): seam until the typed AWS records land.
                policy: policy.and_then(|p| serde_json::from_str(&p.to_string()).ok()),
                ..EndpointDoc::default()
            };
            if kind == "gateway" {
                for t in n.strs("RouteTableIds", self.d) {
                    push_unique(&mut e.route_tables, t);
                    self.endpoint_tables.insert((id, t));
                }
            } else {
                for s in n.strs("SubnetIds", self.d) {
                    push_unique(&mut e.subnets, s);
                }
                e.security_groups = Some(n.group_ids("Groups", self.d));
                e.private_dns = n.bool("PrivateDnsEnabled", self.d).unwrap_or(true);
                for (j, eni) in eni_ids.into_iter().enumerate() {
                    let found = self.eni_pos.get(eni).map(|&i| &self.enis[i]);
                    match found.and_then(|x| x.subnet.map(|s| (s, x.private_ip))) {
                        Some((subnet, ip)) => e.network_interfaces.push(EndpointEniDoc {
                            id: eni.to_string(),
                            subnet: subnet.to_string(),
                            private_ip: ip.map(String::from),
                        }),
                        None => self.d.warn(
                            id,
                            &format!("NetworkInterfaceIds[{j}]"),
                            format!("{eni} is not in the NetworkInterfaces input, so its subnet and address are unknown; add describe-network-interfaces output"),
                        ),
                    }
                }
            }
            self.doc.endpoints.push(e);
        }
    }

    /// `PolicyDocument` is JSON inside a string; it is kept as JSON when it parses.
    fn policy(&mut self, n: &Node<'a>, id: &str) -> Option<Value> {
        match n.get("PolicyDocument")? {
            Value::String(s) => match json::parse(s) {
                Ok(v) => Some(v),
                Err(e) => {
                    self.d.warn(
                        id,
                        "PolicyDocument",
                        format!("the policy is not valid JSON ({e}); it is kept as text"),
                    );
                    Some(Value::String(s.clone()))
                }
            },
            v @ Value::Object(_) => Some(v.clone()),
            v => {
                n.wrong_type("PolicyDocument", "a string", v, self.d);
                None
            }
        }
    }

    fn route_tables(&mut self) {
        let input = self.input;
        for r in input.of(Kind::RouteTable) {
            let n = &r.node;
            let id = r.id;
            let Some(vpc) = n.req("VpcId", self.d, Node::str) else {
                continue;
            };
            let mut rt = RouteTableDoc {
                id: id.to_string(),
                name: n.name(self.d),
                vpc: vpc.to_string(),
                ..RouteTableDoc::default()
            };
            for a in n.objs("Associations", self.d) {
                let state = a
                    .obj("AssociationState", self.d)
                    .and_then(|s| s.str("State", self.d));
                if state.is_some_and(|s| s != "associated") {
                    continue;
                }
                if a.bool("Main", self.d) == Some(true) {
                    rt.main = true;
                }
                if let Some(s) = a.str("SubnetId", self.d) {
                    push_unique(&mut rt.subnets, s);
                }
                if let Some(g) = a.str("GatewayId", self.d) {
                    self.d.unsupported(
                        id,
                        &a.rel("GatewayId"),
                        format!("this is a gateway route table for {g} (an edge association, R23); traffic entering through {g} is routed by local routes only"),
                    );
                }
            }
            let mut ipv6 = 0;
            for route in n.objs("Routes", self.d) {
                match self.route(&route, id, vpc) {
                    RouteOutcome::Route(doc) => rt.routes.push(doc),
                    RouteOutcome::Ipv6 => ipv6 += 1,
                    RouteOutcome::Skip => {}
                }
            }
            if ipv6 > 0 {
                self.d.unsupported(
                    id,
                    "Routes",
                    format!("{ipv6} IPv6 route(s) skipped: the engine models IPv4 only"),
                );
            }
            self.doc.route_tables.push(rt);
        }
    }

    fn route(&mut self, route: &Node<'a>, table: &'a str, vpc: &str) -> RouteOutcome {
        let cidr = route.str("DestinationCidrBlock", self.d);
        let pl = route.str("DestinationPrefixListId", self.d);
        let destination = match (cidr, pl) {
            (Some(c), _) => c,
            (None, Some(p)) => p,
            (None, None) if route.get("DestinationIpv6CidrBlock").is_some() => {
                return RouteOutcome::Ipv6;
            }
            (None, None) => {
                route.missing("DestinationCidrBlock", self.d);
                return RouteOutcome::Skip;
            }
        };
        let mut target = None;
        for (field, unsupported) in TARGET_FIELDS {
            if let Some(t) = route.str(field, self.d) {
                target = Some((*field, t, *unsupported));
                break;
            }
        }
        let Some((field, target, unsupported)) = target else {
            self.d.warn(
                table,
                &route.rel(""),
                format!("the route for {destination} names no target; it is skipped"),
            );
            return RouteOutcome::Skip;
        };
        // The builder adds a local route for every VPC CIDR itself.
        if target == "local" {
            return RouteOutcome::Skip;
        }
        let origin = route.str("Origin", self.d);
        let vpc_cidr = self
            .vpc_cidrs
            .get(vpc)
            .is_some_and(|cs| cs.iter().any(|c| c == destination));
        if vpc_cidr || origin == Some("CreateRouteTable") {
            self.d.unsupported(
                table,
                &route.rel(field),
                format!("the local route for {destination} is replaced by a route to {target} (middlebox routing); the model keeps the local route"),
            );
            return RouteOutcome::Skip;
        }
        let what = match unsupported {
            Some(what) => Some(what),
            None if field == "GatewayId" => self.gateway_kind(target),
            None => None,
        };
        if let Some(what) = what {
            self.d.unsupported(
                table,
                &route.rel(field),
                format!("{target} is {what}, which the engine does not model; packets for {destination} stop there"),
            );
        }
        // The builder gives each table its gateway endpoints' prefix-list routes (GWS3), so the
        // route AWS lists for them would be a duplicate.
        if self.endpoint_tables.contains(&(target, table)) {
            return RouteOutcome::Skip;
        }
        if target.starts_with("vgw-") && cidr.is_some() && destination != "0.0.0.0/0" {
            // describe-vpn-gateways does not list the networks behind a gateway; the routes
            // that point to it (static or propagated over BGP) are the best evidence of them.
            // A default route says nothing about the network, so it is not counted.
            push_unique(self.vgw_cidrs.entry(target).or_default(), destination);
        }
        RouteOutcome::Route(RouteDoc {
            destination: destination.to_string(),
            target: target.to_string(),
            propagated: origin == Some("EnableVgwRoutePropagation"),
            blackhole: route.str("State", self.d) == Some("blackhole"),
        })
    }

    /// What an unsupported `GatewayId` is; `None` for the gateways the engine models.
    fn gateway_kind(&self, id: &str) -> Option<&'static str> {
        if id.starts_with("vpce-") {
            match self.endpoint_types.get(id) {
                Some(&"GatewayLoadBalancer") => Some("a Gateway Load Balancer endpoint"),
                _ => None,
            }
        } else if id.starts_with("igw-") || id.starts_with("vgw-") {
            None
        } else {
            Some("a gateway of a kind this playground does not know")
        }
    }

    fn internet_gateways(&mut self) {
        let input = self.input;
        for r in input.of(Kind::InternetGateway) {
            let n = &r.node;
            let mut vpc = None;
            for a in n.objs("Attachments", self.d) {
                let state = a.str("State", self.d);
                let v = a.str("VpcId", self.d);
                // describe-internet-gateways prints "available" for an attached gateway.
                if matches!(state, Some("available" | "attached")) && vpc.is_none() {
                    vpc = v;
                }
            }
            self.doc.internet_gateways.push(IgwDoc {
                id: r.id.to_string(),
                name: n.name(self.d),
                vpc: vpc.map(String::from),
            });
        }
    }

    fn nat_gateways(&mut self) {
        let input = self.input;
        for r in input.of(Kind::NatGateway) {
            let n = &r.node;
            let id = r.id;
            let addresses = n.objs("NatGatewayAddresses", self.d);
            let mut primary = None;
            let mut enis = Vec::new();
            for (i, a) in addresses.iter().enumerate() {
                let is_primary = a.bool("IsPrimary", self.d) == Some(true);
                let ip = a.str("PrivateIp", self.d);
                let public = a.str("PublicIp", self.d);
                let eni = a.str("NetworkInterfaceId", self.d);
                if let Some(e) = eni {
                    enis.push(e);
                }
                if is_primary || (i == 0 && primary.is_none()) {
                    primary = Some((ip, public, eni));
                }
            }
            for e in enis {
                self.owned_enis.insert(e);
            }
            let (mut private_ip, public_ip, eni) = primary.unwrap_or_default();
            if private_ip.is_none() {
                private_ip = eni
                    .and_then(|e| self.eni_pos.get(e))
                    .and_then(|&i| self.enis[i].private_ip);
            }
            let connectivity = n.str("ConnectivityType", self.d);
            let state = n.str("State", self.d);
            let subnet = if n.get("SubnetId").is_none()
                && n.str("AvailabilityMode", self.d) == Some("regional")
            {
                self.d.unsupported(
                    id,
                    "AvailabilityMode",
                    "a regional NAT gateway (no subnet) is not modelled; it is left out",
                );
                continue;
            } else {
                n.req("SubnetId", self.d, Node::str)
            };
            let Some(subnet) = subnet else { continue };
            self.doc.nat_gateways.push(NatDoc {
                id: id.to_string(),
                name: n.name(self.d),
                subnet: subnet.to_string(),
                connectivity: connectivity.map(|c| c.to_ascii_lowercase()),
                public_ip: public_ip.map(String::from),
                private_ip: private_ip.map(String::from),
                eni: eni.map(String::from),
                // Deleted gateways stay: routes to them are blackhole (R4).
                state: state.map(String::from),
            });
        }
    }

    fn security_groups(&mut self) {
        let input = self.input;
        for r in input.of(Kind::SecurityGroup) {
            let n = &r.node;
            let vpc = n.req("VpcId", self.d, Node::str);
            let owner = n.str("OwnerId", self.d);
            let mut ipv6 = false;
            let ingress = self.sg_rules(n, "IpPermissions", owner, &mut ipv6);
            let egress = self.sg_rules(n, "IpPermissionsEgress", owner, &mut ipv6);
            if ipv6 {
                self.d.unsupported(
                    r.id,
                    "",
                    "IPv6 rules (Ipv6Ranges) are not modelled and were skipped",
                );
            }
            let mut name = n.name(self.d);
            if name.is_empty() {
                name = n.str("GroupName", self.d).unwrap_or_default().to_string();
            }
            let Some(vpc) = vpc else { continue };
            self.doc.security_groups.push(SecurityGroupDoc {
                id: r.id.to_string(),
                name,
                vpc: vpc.to_string(),
                ingress,
                // AWS lists outbound rules explicitly; none listed means none.
                egress: Some(egress),
            });
        }
    }

    /// Each permission applies its protocol and ports to every source it lists, so it expands
    /// into one rule per CIDR, prefix list and group.
    fn sg_rules(
        &mut self,
        sg: &Node<'a>,
        key: &str,
        owner: Option<&str>,
        ipv6: &mut bool,
    ) -> Vec<SgRuleDoc> {
        let mut rules = Vec::new();
        for p in sg.objs(key, self.d) {
            let Some(proto) = p.req("IpProtocol", self.d, Node::str) else {
                continue;
            };
            let protocol = protocol_name(proto);
            let ports = if has_ports(&protocol) {
                port_range(&p, "FromPort", "ToPort", self.d)
            } else {
                None
            };
            let base = |description: Option<&str>| SgRuleDoc {
                protocol: protocol.clone(),
                ports: ports.clone(),
                description: description.unwrap_or_default().to_string(),
                ..SgRuleDoc::default()
            };
            for ip in p.objs("IpRanges", self.d) {
                if let Some(c) = ip.req("CidrIp", self.d, Node::str) {
                    let description = ip.str("Description", self.d);
                    rules.push(SgRuleDoc {
                        cidr: Some(c.to_string()),
                        ..base(description)
                    });
                }
            }
            for pl in p.objs("PrefixListIds", self.d) {
                if let Some(id) = pl.req("PrefixListId", self.d, Node::str) {
                    let description = pl.str("Description", self.d);
                    rules.push(SgRuleDoc {
                        prefix_list: Some(id.to_string()),
                        ..base(description)
                    });
                }
            }
            for g in p.objs("UserIdGroupPairs", self.d) {
                let group = g.str("GroupId", self.d);
                let user = g.str("UserId", self.d);
                let description = g.str("Description", self.d);
                let Some(group) = group else {
                    g.missing("GroupId", self.d);
                    continue;
                };
                // R10: a group in another account is written account/sg-id.
                let group = match user {
                    Some(u) if owner.is_some_and(|o| o != u) => format!("{u}/{group}"),
                    _ => group.to_string(),
                };
                rules.push(SgRuleDoc {
                    group: Some(group),
                    ..base(description)
                });
            }
            if !p.list("Ipv6Ranges", self.d).is_empty() {
                *ipv6 = true;
            }
        }
        rules
    }

    fn network_acls(&mut self) {
        let input = self.input;
        for r in input.of(Kind::NetworkAcl) {
            let n = &r.node;
            let vpc = n.req("VpcId", self.d, Node::str);
            let mut subnets = Vec::new();
            for a in n.objs("Associations", self.d) {
                if let Some(s) = a.str("SubnetId", self.d) {
                    push_unique(&mut subnets, s);
                }
            }
            let (mut ingress, mut egress) = (Vec::new(), Vec::new());
            let mut ipv6 = 0;
            for e in n.objs("Entries", self.d) {
                let Some(number) = e.req("RuleNumber", self.d, Node::int) else {
                    continue;
                };
                // The `*` rule that denies the rest; the builder adds it to every ACL.
                if number == 32767 {
                    continue;
                }
                let is_egress = e.req("Egress", self.d, Node::bool);
                let protocol = e.req("Protocol", self.d, Node::str).map(protocol_name);
                let action = e.req("RuleAction", self.d, Node::str);
                let cidr = if e.get("CidrBlock").is_none() && e.get("Ipv6CidrBlock").is_some() {
                    ipv6 += 1;
                    continue;
                } else {
                    e.req("CidrBlock", self.d, Node::str)
                };
                let ports = match &protocol {
                    Some(p) if has_ports(p) => e
                        .obj("PortRange", self.d)
                        .and_then(|pr| port_range(&pr, "From", "To", self.d)),
                    _ => None,
                };
                let Ok(rule) = u32::try_from(number) else {
                    self.d.error(
                        e.file,
                        &e.at("RuleNumber"),
                        format!("rule number {number} is outside 1-32766"),
                    );
                    continue;
                };
                let (Some(is_egress), Some(protocol), Some(action), Some(cidr)) =
                    (is_egress, protocol, action, cidr)
                else {
                    continue;
                };
                let doc = NaclRuleDoc {
                    rule,
                    protocol,
                    ports,
                    cidr: cidr.to_string(),
                    action: action.to_ascii_lowercase(),
                };
                if is_egress {
                    egress.push(doc);
                } else {
                    ingress.push(doc);
                }
            }
            if ipv6 > 0 {
                self.d.unsupported(
                    r.id,
                    "Entries",
                    format!("{ipv6} IPv6 rule(s) skipped: the engine models IPv4 only"),
                );
            }
            let Some(vpc) = vpc else { continue };
            self.doc.network_acls.push(NetworkAclDoc {
                id: r.id.to_string(),
                name: n.name(self.d),
                vpc: vpc.to_string(),
                default: n.bool("IsDefault", self.d).unwrap_or(false),
                subnets,
                // Explicit even when empty: an ACL whose rules were all removed denies everything.
                ingress: Some(ingress),
                egress: Some(egress),
            });
        }
    }

    /// describe-prefix-lists (AWS service lists, with `Cidrs`) and describe-managed-prefix-lists
    /// (without entries, unless `Entries` from get-managed-prefix-list-entries are added) may
    /// both describe one list; they are merged by id.
    fn prefix_lists(&mut self) {
        let input = self.input;
        let mut order: Vec<&str> = Vec::new();
        let mut lists: HashMap<&str, (String, Option<Vec<String>>)> = HashMap::new();
        let mut ipv6: HashSet<&str> = HashSet::new();
        let mut keep_ipv4 = |id: &'a str, cidrs: Vec<&str>| -> Vec<String> {
            let (v6, v4): (Vec<&str>, Vec<&str>) = cidrs.into_iter().partition(|c| c.contains(':'));
            if !v6.is_empty() {
                ipv6.insert(id);
            }
            v4.into_iter().map(String::from).collect()
        };
        for r in input.of(Kind::PrefixList) {
            let n = &r.node;
            let name = n.str("PrefixListName", self.d).unwrap_or_default();
            let cidrs = keep_ipv4(r.id, n.strs("Cidrs", self.d));
            order.push(r.id);
            lists.insert(r.id, (name.to_string(), Some(cidrs)));
        }
        for r in input.of(Kind::ManagedPrefixList) {
            let n = &r.node;
            let name = n.str("PrefixListName", self.d).unwrap_or_default();
            if n.str("AddressFamily", self.d) == Some("IPv6") {
                self.d.unsupported(
                    r.id,
                    "AddressFamily",
                    "an IPv6 prefix list: IPv6 is not modelled, so the list is left out",
                );
                continue;
            }
            let cidrs = if n.get("Entries").is_some() {
                let entries: Vec<&str> = n
                    .objs("Entries", self.d)
                    .iter()
                    .filter_map(|e| e.req("Cidr", self.d, Node::str))
                    .collect();
                Some(keep_ipv4(r.id, entries))
            } else if n.get("Cidrs").is_some() {
                Some(keep_ipv4(r.id, n.strs("Cidrs", self.d)))
            } else {
                None
            };
            match lists.get_mut(r.id) {
                Some((known_name, known_cidrs)) => {
                    if known_name.is_empty() {
                        *known_name = name.to_string();
                    }
                    if known_cidrs.is_none() {
                        *known_cidrs = cidrs;
                    }
                }
                None => {
                    order.push(r.id);
                    lists.insert(r.id, (name.to_string(), cidrs));
                }
            }
        }
        for id in order {
            let Some((name, cidrs)) = lists.remove(id) else {
                continue;
            };
            if ipv6.contains(id) {
                self.d
                    .unsupported(id, "", "IPv6 entries skipped: the engine models IPv4 only");
            }
            let cidrs = cidrs.unwrap_or_else(|| {
                self.d.warn(
                    id,
                    "",
                    format!("the CIDRs of this prefix list are unknown (describe-managed-prefix-lists does not print them), so it matches nothing; add \"Entries\" from aws ec2 get-managed-prefix-list-entries --prefix-list-id {id}"),
                );
                Vec::new()
            });
            self.doc.prefix_lists.push(PrefixListDoc {
                id: id.to_string(),
                name,
                cidrs,
            });
        }
    }

    fn vpn_gateways(&mut self) {
        let input = self.input;
        for r in input.of(Kind::VpnGateway) {
            let n = &r.node;
            let state = n.str("State", self.d);
            if state == Some("deleted") {
                self.d
                    .warn(r.id, "State", "the gateway is deleted, so it is left out");
                continue;
            }
            let mut vpc = None;
            for a in n.objs("VpcAttachments", self.d) {
                let s = a.str("State", self.d);
                let v = a.str("VpcId", self.d);
                if s == Some("attached") && vpc.is_none() {
                    vpc = v;
                }
            }
            // `Type` is always ipsec.1; whether Direct Connect is behind the gateway is not in
            // this output, so the scenario's default (a VPN) stands.
            let _ = n.str("Type", self.d);
            self.doc.vpn_gateways.push(VgwDoc {
                id: r.id.to_string(),
                name: n.name(self.d),
                vpc: vpc.map(String::from),
                kind: None,
                onprem_cidrs: self.vgw_cidrs.get(r.id).cloned().unwrap_or_default(),
            });
        }
    }

    fn owned(&self, e: &Eni<'a>) -> bool {
        matches!(
            e.interface_type,
            "nat_gateway" | "vpc_endpoint" | "gateway_load_balancer_endpoint"
        ) || e.description.starts_with("Interface for NAT Gateway ")
            || self.owned_enis.contains(e.id)
    }

    fn instances_and_interfaces(&mut self) {
        let input = self.input;
        let mut recs = Vec::new();
        let mut terminated: HashSet<&str> = HashSet::new();
        for r in input.of(Kind::Instance) {
            let n = &r.node;
            let id = r.id;
            let state = n.obj("State", self.d).and_then(|s| s.str("Name", self.d));
            if state == Some("terminated") {
                self.d.warn(
                    id,
                    "State.Name",
                    "the instance is terminated, so it is left out",
                );
                terminated.insert(id);
                continue;
            }
            let mut primary_eni = None;
            for e in n.objs("NetworkInterfaces", self.d) {
                let Some(eni_id) = e.req("NetworkInterfaceId", self.d, Node::str) else {
                    continue;
                };
                let info = read_eni(&e, eni_id, Some(id), self.d);
                if info.device_index == Some(0) {
                    primary_eni = Some(eni_id);
                }
                match self.eni_pos.get(eni_id) {
                    // describe-network-interfaces has the fuller record (tags, type); the
                    // instance only tells which instance it belongs to.
                    Some(&i) => {
                        let known = &mut self.enis[i];
                        known.instance = known.instance.or(Some(id));
                        known.device_index = known.device_index.or(info.device_index);
                    }
                    None => {
                        self.eni_pos.insert(eni_id, self.enis.len());
                        self.enis.push(info);
                    }
                }
            }
            if primary_eni.is_none() {
                primary_eni = self
                    .enis
                    .iter()
                    .find(|e| e.instance == Some(id) && e.device_index == Some(0))
                    .map(|e| e.id);
            }
            recs.push(InstanceRec {
                node: n.clone(),
                id,
                name: n.name(self.d),
                subnet: n.str("SubnetId", self.d),
                private_ip: n.str("PrivateIpAddress", self.d),
                public_ip: n.str("PublicIpAddress", self.d),
                groups: n
                    .get("SecurityGroups")
                    .map(|_| n.group_ids("SecurityGroups", self.d)),
                source_dest_check: n.bool("SourceDestCheck", self.d),
                primary_eni,
            });
        }

        // Instances from describe-instances, completed by their primary interface.
        let mut instances: HashSet<&str> = HashSet::new();
        for rec in &recs {
            let p = rec
                .primary_eni
                .and_then(|e| self.eni_pos.get(e))
                .map(|&i| &self.enis[i]);
            let Some(subnet) = rec.subnet.or(p.and_then(|p| p.subnet)) else {
                rec.node.missing("SubnetId", self.d);
                continue;
            };
            if let Some(p) = p {
                if !p.secondary_ips.is_empty() {
                    self.d.unsupported(
                        rec.id,
                        "NetworkInterfaces",
                        format!("secondary private addresses on the primary interface ({}) are not modelled", p.secondary_ips.join(", ")),
                    );
                }
            }
            instances.insert(rec.id);
            self.doc.instances.push(InstanceDoc {
                id: rec.id.to_string(),
                name: rec.name.clone(),
                subnet: subnet.to_string(),
                private_ip: rec
                    .private_ip
                    .or(p.and_then(|p| p.private_ip))
                    .map(String::from),
                public_ip: rec
                    .public_ip
                    .or(p.and_then(|p| p.public_ip))
                    .map(String::from),
                security_groups: p.map(|p| p.groups.clone()).or_else(|| rec.groups.clone()),
                source_dest_check: rec
                    .source_dest_check
                    .or(p.and_then(|p| p.source_dest_check))
                    .unwrap_or(true),
                eni: rec.primary_eni.map(String::from),
                role_policy: None,
            });
        }

        // Without describe-instances, an instance is known by its primary interface's attachment.
        for e in &self.enis {
            let Some(inst) = e.instance else { continue };
            if self.owned(e)
                || e.device_index != Some(0)
                || terminated.contains(inst)
                || instances.contains(inst)
            {
                continue;
            }
            let (Some(subnet), Some(ip)) = (e.subnet, e.private_ip) else {
                continue;
            };
            instances.insert(inst);
            if !e.secondary_ips.is_empty() {
                self.d.unsupported(
                    inst,
                    "",
                    format!("secondary private addresses on the primary interface {} ({}) are not modelled", e.id, e.secondary_ips.join(", ")),
                );
            }
            self.doc.instances.push(InstanceDoc {
                id: inst.to_string(),
                name: String::new(),
                subnet: subnet.to_string(),
                private_ip: Some(ip.to_string()),
                public_ip: e.public_ip.map(String::from),
                security_groups: Some(e.groups.clone()),
                source_dest_check: e.source_dest_check.unwrap_or(true),
                eni: Some(e.id.to_string()),
                role_policy: None,
            });
        }

        // Every other interface: secondary interfaces of instances, and interfaces of services
        // the engine knows only as addresses (load balancers, Lambda, EFS, ...).
        for e in &self.enis {
            if self.owned(e) {
                continue;
            }
            let mut instance = e.instance;
            if let Some(inst) = instance {
                if terminated.contains(inst) {
                    continue;
                }
                // A primary interface is part of its InstanceDoc.
                if self
                    .doc
                    .instances
                    .iter()
                    .any(|i| i.id == inst && i.eni.as_deref() == Some(e.id))
                {
                    continue;
                }
                if !instances.contains(inst) {
                    self.d.warn(
                        e.id,
                        "Attachment.InstanceId",
                        format!("attached to {inst}, whose primary interface and describe-instances record are not in the input; the interface is kept on its own"),
                    );
                    instance = None;
                }
            }
            let subnet = e.subnet;
            let ip = e.private_ip;
            if subnet.is_none() && e.node.get("SubnetId").is_none() {
                e.node.missing("SubnetId", self.d);
            }
            if ip.is_none() && e.node.get("PrivateIpAddress").is_none() {
                e.node.missing("PrivateIpAddress", self.d);
            }
            let (Some(subnet), Some(ip)) = (subnet, ip) else {
                continue;
            };
            self.doc.network_interfaces.push(EniDoc {
                id: e.id.to_string(),
                name: e.name.clone(),
                subnet: subnet.to_string(),
                private_ip: ip.to_string(),
                secondary_ips: e.secondary_ips.clone(),
                public_ip: e.public_ip.map(String::from),
                security_groups: Some(e.groups.clone()),
                source_dest_check: e.source_dest_check.unwrap_or(true),
                instance: instance.map(String::from),
                description: e.description.to_string(),
            });
        }
    }

    /// Gives each VPC the Region its subnets or peering connections place it in. The default
    /// Region is the one all VPCs from describe-vpcs share (each describe call covers one
    /// Region), so VPCs with no evidence land there too.
    fn apply_regions(&mut self) {
        for v in &mut self.doc.vpcs {
            if v.region.is_none() {
                v.region = self.regions.get(&v.id).map(|(r, _)| r.clone());
            }
        }
        let described: HashSet<&str> = self.input.of(Kind::Vpc).iter().map(|r| r.id).collect();
        let mut regions = self
            .doc
            .vpcs
            .iter()
            .filter(|v| described.contains(v.id.as_str()))
            .filter_map(|v| v.region.as_deref());
        // Only when every described VPC that has a Region has the same one.
        if let Some(first) = regions.next() {
            if regions.all(|r| r == first) {
                self.doc.region = Some(first.to_string());
            }
        }
    }
}

/// What one route of describe-route-tables becomes.
enum RouteOutcome {
    Route(RouteDoc),
    /// An IPv6 route, counted for one note per table.
    Ipv6,
    Skip,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{Diagnostic, Severity};
    // Test inputs are built and edited as serde_json values (its `json!` and indexing), then
    // handed to the converter as this crate's JSON.
    use serde_json::{json, Value};

    const SAMPLE: &str = include_str!("../../tests/data/shop-estate.json");

    fn sample() -> Value {
        serde_json::from_str(SAMPLE).expect("the sample is valid JSON")
    }

    fn run(files: &[(&str, Value)]) -> (ScenarioDoc, Vec<Diagnostic>) {
        let files: Vec<(&str, json::Value)> = files
            .iter()
            .map(|(n, v)| (*n, json::parse(&v.to_string()).expect("valid JSON")))
            .collect();
        let mut d = Diagnostics::default();
        let doc = convert(&files, &mut d);
        (doc, d.0)
    }

    fn one(v: Value) -> (ScenarioDoc, Vec<Diagnostic>) {
        run(&[("in.json", v)])
    }

    fn find<'x>(
        diags: &'x [Diagnostic],
        severity: Severity,
        resource: &str,
        field: &str,
    ) -> Option<&'x Diagnostic> {
        diags
            .iter()
            .find(|d| d.severity == severity && d.resource == resource && d.field == field)
    }

    fn count(diags: &[Diagnostic], severity: Severity) -> usize {
        diags.iter().filter(|d| d.severity == severity).count()
    }

    fn route(destination: &str, target: &str) -> RouteDoc {
        RouteDoc {
            destination: destination.into(),
            target: target.into(),
            ..RouteDoc::default()
        }
    }

    fn rtb<'x>(doc: &'x ScenarioDoc, id: &str) -> &'x RouteTableDoc {
        doc.route_tables
            .iter()
            .find(|t| t.id == id)
            .expect("route table present")
    }

    /// A VPC with one subnet, the base of the small cases below.
    fn base() -> serde_json::Map<String, Value> {
        let v = json!({
            "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "OwnerId": "111122223333"}],
            "Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24",
                         "AvailabilityZone": "eu-west-1b"}]
        });
        v.as_object().cloned().unwrap_or_default()
    }

    fn with(key: &str, records: Value) -> Value {
        let mut m = base();
        m.insert(key.into(), records);
        Value::Object(m)
    }

    // --- The sample estate (shared/samples/shop-estate.json) ----------------------------------

    #[test]
    fn sample_converts_without_diagnostics() {
        let (_, diags) = one(sample());
        assert!(diags.is_empty(), "{diags:#?}");
    }

    #[test]
    fn sample_vpcs_get_cidrs_names_accounts_and_region_from_subnets() {
        let (doc, _) = one(sample());
        let ids: Vec<_> = doc.vpcs.iter().map(|v| v.id.as_str()).collect();
        assert_eq!(ids, ["vpc-0acaaecba28354049", "vpc-02d154ff174bda84e"]);
        let web = &doc.vpcs[0];
        assert_eq!(web.name, "shop-web");
        assert_eq!(web.cidr.as_deref(), Some("10.20.0.0/16"));
        assert!(web.cidrs.is_empty());
        assert_eq!(web.account.as_deref(), Some("111122223333"));
        assert_eq!(web.region.as_deref(), Some("us-east-1"));
        assert!(web.dns_support && web.dns_hostnames);
        assert_eq!(doc.region.as_deref(), Some("us-east-1"));
        assert_eq!(doc.name, "in.json");
        let s = &doc.subnets[1];
        assert_eq!(
            (
                s.id.as_str(),
                s.name.as_str(),
                s.vpc.as_str(),
                s.cidr.as_str()
            ),
            (
                "subnet-08509e06b75bddad3",
                "web-app",
                "vpc-0acaaecba28354049",
                "10.20.1.0/24"
            )
        );
        assert_eq!(s.az.as_deref(), Some("us-east-1a"));
    }

    #[test]
    fn sample_route_tables_keep_associations_and_drop_local_routes() {
        let (doc, _) = one(sample());
        assert_eq!(doc.route_tables.len(), 5);
        let main = rtb(&doc, "rtb-0d06ba56fbce0afb1");
        assert!(main.main && main.subnets.is_empty() && main.routes.is_empty());
        let public = rtb(&doc, "rtb-050632a15dd1723b9");
        assert!(!public.main);
        assert_eq!(public.subnets, ["subnet-0b2ce73e3f4cb1328"]);
        assert_eq!(public.routes, [route("0.0.0.0/0", "igw-0a15e4560d122bbc7")]);
        // The S3 route is the gateway endpoint's; the builder adds it from the endpoint.
        let app = rtb(&doc, "rtb-0f2c3b7d8f348ad7d");
        assert_eq!(
            app.routes,
            [
                route("0.0.0.0/0", "nat-053db60b6f542c8cd"),
                route("10.30.0.0/16", "pcx-09ca300ea7d4783e4"),
            ]
        );
        assert!(rtb(&doc, "rtb-0f11236929bd0b65a").routes.is_empty());
    }

    #[test]
    fn sample_gateways_peering_and_prefix_lists() {
        let (doc, _) = one(sample());
        assert_eq!(
            doc.internet_gateways,
            [IgwDoc {
                id: "igw-0a15e4560d122bbc7".into(),
                name: "shop-web-igw".into(),
                vpc: Some("vpc-0acaaecba28354049".into()),
            }]
        );
        assert_eq!(
            doc.nat_gateways,
            [NatDoc {
                id: "nat-053db60b6f542c8cd".into(),
                name: "nat-web".into(),
                subnet: "subnet-0b2ce73e3f4cb1328".into(),
                connectivity: Some("public".into()),
                public_ip: Some("203.0.113.50".into()),
                private_ip: Some("10.20.0.50".into()),
                eni: Some("eni-03b483b77e9341666".into()),
                state: Some("available".into()),
            }]
        );
        assert_eq!(
            doc.peering_connections,
            [PeeringDoc {
                id: "pcx-09ca300ea7d4783e4".into(),
                name: "web-db".into(),
                requester: "vpc-0acaaecba28354049".into(),
                accepter: "vpc-02d154ff174bda84e".into(),
                status: Some("active".into()),
            }]
        );
        let pls: Vec<_> = doc
            .prefix_lists
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_str(), p.cidrs.len()))
            .collect();
        assert_eq!(
            pls,
            [
                ("pl-02cd2c6b", "com.amazonaws.us-east-1.dynamodb", 4),
                ("pl-63a5400a", "com.amazonaws.us-east-1.s3", 8)
            ]
        );
    }

    #[test]
    fn sample_gateway_endpoint_keeps_its_tables_and_parsed_policy() {
        let (doc, _) = one(sample());
        let e = &doc.endpoints[0];
        assert_eq!(e.id, "vpce-0fa92a9d6ae220f1a");
        assert_eq!(
            (e.kind.as_str(), e.service.as_str()),
            ("gateway", "com.amazonaws.us-east-1.s3")
        );
        assert_eq!(e.route_tables, ["rtb-0f2c3b7d8f348ad7d"]);
        assert!(e.subnets.is_empty() && e.network_interfaces.is_empty());
        assert_eq!(e.security_groups, None);
        let policy = e.policy.as_ref().expect("policy kept");
        let policy: Value = serde_json::from_str(&policy.to_string()).expect("JSON");
        assert_eq!(policy["Statement"][0]["Effect"], "Allow");
    }

    #[test]
    fn sample_security_groups_expand_into_rules() {
        let (doc, _) = one(sample());
        let default = &doc.security_groups[0];
        assert_eq!(
            (default.id.as_str(), default.name.as_str()),
            ("sg-0b2527a1816793795", "default")
        );
        assert_eq!(
            default.ingress,
            [SgRuleDoc {
                protocol: "all".into(),
                group: Some("sg-0b2527a1816793795".into()),
                ..SgRuleDoc::default()
            }]
        );
        let all_out = SgRuleDoc {
            protocol: "all".into(),
            cidr: Some("0.0.0.0/0".into()),
            ..SgRuleDoc::default()
        };
        assert_eq!(default.egress, Some(vec![all_out]));
        let pg = &doc.security_groups[3];
        assert_eq!(pg.name, "postgres");
        assert_eq!(
            pg.ingress,
            [SgRuleDoc {
                protocol: "tcp".into(),
                ports: Some(PortsDoc::Number(5432)),
                cidr: Some("10.20.1.0/24".into()),
                ..SgRuleDoc::default()
            }]
        );
    }

    #[test]
    fn sample_nacls_leave_out_the_star_rule() {
        let (doc, _) = one(sample());
        let acl = &doc.network_acls[0];
        assert!(acl.default);
        assert_eq!(
            acl.subnets,
            ["subnet-0b2ce73e3f4cb1328", "subnet-08509e06b75bddad3"]
        );
        let allow_all = NaclRuleDoc {
            rule: 100,
            protocol: "all".into(),
            ports: None,
            cidr: "0.0.0.0/0".into(),
            action: "allow".into(),
        };
        assert_eq!(acl.ingress, Some(vec![allow_all.clone()]));
        assert_eq!(acl.egress, Some(vec![allow_all]));
    }

    #[test]
    fn sample_instances_come_from_primary_interfaces_and_the_nat_interface_is_the_nat_gateways() {
        let (doc, _) = one(sample());
        assert_eq!(
            doc.instances[0],
            InstanceDoc {
                id: "i-00b88aa6ed9d69bd6".into(),
                name: String::new(),
                subnet: "subnet-08509e06b75bddad3".into(),
                private_ip: Some("10.20.1.10".into()),
                public_ip: None,
                security_groups: Some(vec!["sg-0f329c418a7c21fe8".into()]),
                source_dest_check: true,
                eni: Some("eni-0564c083b5432937b".into()),
                role_policy: None,
            }
        );
        assert_eq!(doc.instances.len(), 2);
        assert!(
            doc.network_interfaces.is_empty(),
            "{:?}",
            doc.network_interfaces
        );
    }

    #[test]
    fn sample_doc_round_trips_through_the_scenario_format() {
        let (doc, _) = one(sample());
        let text = serde_json::to_string(&doc).expect("written as JSON");
        let back: ScenarioDoc =
            crate::load::scenario_from_str(&text).expect("reads back as a scenario");
        assert_eq!(back, doc);
    }

    // --- Merging files ---------------------------------------------------------------------------

    #[test]
    fn files_split_by_key_merge_into_the_same_estate() {
        let whole = sample();
        let files: Vec<(&str, Value)> = whole
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, v)| (k.as_str(), json!({ k.clone(): v.clone() })))
            .collect();
        assert!(files.len() > 5);
        let (mut split, diags) = run(&files);
        assert!(diags.is_empty(), "{diags:#?}");
        let (joined, _) = one(whole.clone());
        split.name = joined.name.clone();
        assert_eq!(split, joined);
    }

    #[test]
    fn the_same_file_twice_is_one_estate_without_diagnostics() {
        let (twice, diags) = run(&[("a.json", sample()), ("a.json", sample())]);
        assert!(diags.is_empty(), "{diags:#?}");
        let (once, _) = one(sample());
        assert_eq!(twice.vpcs, once.vpcs);
        assert_eq!(twice.route_tables, once.route_tables);
        assert_eq!(twice.instances, once.instances);
        assert_eq!(twice.name, "a.json");
    }

    #[test]
    fn a_record_repeated_with_different_contents_keeps_the_first_and_warns() {
        let (doc, diags) = run(&[
            (
                "a.json",
                json!({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]}),
            ),
            (
                "b.json",
                json!({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.9.0.0/16"}]}),
            ),
        ]);
        assert_eq!(doc.vpcs.len(), 1);
        assert_eq!(doc.vpcs[0].cidr.as_deref(), Some("10.0.0.0/16"));
        let w = find(&diags, Severity::Warning, "vpc-1", "").expect("warning naming the id");
        assert!(
            w.message.contains("a.json Vpcs[0]") && w.message.contains("b.json Vpcs[0]"),
            "{w}"
        );
    }

    // --- Unknown keys and malformed input --------------------------------------------------------

    #[test]
    fn an_unknown_top_level_key_warns_once_naming_it() {
        let mut v = sample();
        v["Volumes"] = json!([]);
        let (_, diags) = run(&[("a.json", v.clone()), ("b.json", v)]);
        let warnings: Vec<_> = diags.iter().filter(|d| d.field == "Volumes").collect();
        assert_eq!(warnings.len(), 1, "{diags:#?}");
        assert_eq!(warnings[0].severity, Severity::Warning);
        assert_eq!(warnings[0].resource, "a.json");
        assert!(warnings[0].message.contains("Volumes"));
    }

    #[test]
    fn next_token_warns_that_the_output_was_cut_short() {
        let (_, diags) = one(with("NextToken", json!("eyJ2IjoxfQ==")));
        let w = find(&diags, Severity::Warning, "in.json", "NextToken").expect("warned");
        assert!(w.message.contains("--max-items"));
    }

    #[test]
    fn a_key_of_the_wrong_type_is_an_error_naming_the_key() {
        let (doc, diags) = one(json!({"Vpcs": 5, "Subnets": []}));
        assert!(doc.vpcs.is_empty());
        let e = find(&diags, Severity::Error, "in.json", "Vpcs").expect("error");
        assert!(e.message.contains("found a number"), "{e}");
    }

    #[test]
    fn an_id_of_the_wrong_type_is_an_error_naming_the_path() {
        let (doc, diags) = one(json!({"Vpcs": [{"VpcId": 7, "CidrBlock": "10.0.0.0/16"}]}));
        assert!(doc.vpcs.is_empty());
        assert!(
            find(&diags, Severity::Error, "in.json", "Vpcs[0].VpcId").is_some(),
            "{diags:#?}"
        );
    }

    #[test]
    fn a_record_without_its_id_is_an_error() {
        let (_, diags) = one(with(
            "RouteTables",
            json!([{"VpcId": "vpc-1", "Routes": []}]),
        ));
        let e = find(
            &diags,
            Severity::Error,
            "in.json",
            "RouteTables[0].RouteTableId",
        )
        .expect("error");
        assert!(e.message.contains("missing"));
    }

    #[test]
    fn a_field_of_the_wrong_type_names_the_file_and_path() {
        let mut v = sample();
        v["Subnets"][1]["CidrBlock"] = json!(24);
        v["RouteTables"][3]["Routes"][1]["NatGatewayId"] = json!(["nat-1"]);
        let (doc, diags) = one(v);
        assert_eq!(doc.subnets.len(), 2);
        assert!(find(&diags, Severity::Error, "in.json", "Subnets[1].CidrBlock").is_some());
        assert!(find(
            &diags,
            Severity::Error,
            "in.json",
            "RouteTables[3].Routes[1].NatGatewayId"
        )
        .is_some());
    }

    #[test]
    fn a_record_that_is_not_an_object_is_an_error() {
        let (doc, diags) = one(with(
            "InternetGateways",
            json!(["igw-1", {"InternetGatewayId": "igw-2"}]),
        ));
        assert_eq!(doc.internet_gateways.len(), 1);
        assert!(find(&diags, Severity::Error, "in.json", "InternetGateways[0]").is_some());
    }

    /// Replaces each value in the sample, one at a time, with a value of another type: the
    /// converter must report, never panic, whatever the field.
    #[test]
    fn any_field_of_the_wrong_type_is_reported_without_panicking() {
        fn paths(v: &Value, here: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
            match v {
                Value::Object(m) => {
                    for (k, c) in m {
                        here.push(k.clone());
                        out.push(here.clone());
                        paths(c, here, out);
                        here.pop();
                    }
                }
                Value::Array(a) => {
                    for (i, c) in a.iter().enumerate() {
                        here.push(i.to_string());
                        out.push(here.clone());
                        paths(c, here, out);
                        here.pop();
                    }
                }
                _ => {}
            }
        }
        let v = sample();
        let mut all = Vec::new();
        paths(&v, &mut Vec::new(), &mut all);
        assert!(all.len() > 500);
        for p in &all {
            for replacement in [json!(-1), json!({"x": 1}), Value::Null] {
                let mut m = v.clone();
                let mut slot = &mut m;
                for seg in p {
                    slot = match slot {
                        Value::Object(o) => o.get_mut(seg).expect("path exists"),
                        Value::Array(a) => &mut a[seg.parse::<usize>().expect("index")],
                        _ => unreachable!(),
                    };
                }
                *slot = replacement;
                let (_, _) = one(m);
            }
        }
    }

    // --- Routes ----------------------------------------------------------------------------------

    fn table(routes: Value) -> Value {
        with(
            "RouteTables",
            json!([{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Routes": routes,
                    "Associations": [{"Main": true, "AssociationState": {"State": "associated"}}]}]),
        )
    }

    #[test]
    fn unsupported_targets_are_kept_as_ids_and_reported() {
        let (doc, diags) = one(table(json!([
            {"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
            {"DestinationCidrBlock": "172.16.0.0/12", "TransitGatewayId": "tgw-1", "State": "active"},
            {"DestinationCidrBlock": "203.0.113.0/24", "CarrierGatewayId": "cagw-1", "State": "active"},
            {"DestinationCidrBlock": "198.51.100.0/24", "LocalGatewayId": "lgw-1", "State": "active"},
            {"DestinationCidrBlock": "192.0.2.0/24",
             "CoreNetworkArn": "arn:aws:networkmanager::111122223333:core-network/core-network-1"}
        ])));
        let t = rtb(&doc, "rtb-1");
        assert!(t.main);
        let targets: Vec<_> = t.routes.iter().map(|r| r.target.as_str()).collect();
        assert_eq!(
            targets,
            [
                "tgw-1",
                "cagw-1",
                "lgw-1",
                "arn:aws:networkmanager::111122223333:core-network/core-network-1"
            ]
        );
        let u = find(
            &diags,
            Severity::Unsupported,
            "rtb-1",
            "Routes[1].TransitGatewayId",
        )
        .expect("tgw noted");
        assert!(u.message.contains("transit gateway"));
        assert!(find(
            &diags,
            Severity::Unsupported,
            "rtb-1",
            "Routes[4].CoreNetworkArn"
        )
        .is_some());
        assert_eq!(count(&diags, Severity::Error), 0);
    }

    #[test]
    fn ipv6_routes_are_skipped_with_one_note_per_table() {
        let (doc, diags) = one(table(json!([
            {"DestinationIpv6CidrBlock": "2600:1f18::/56", "GatewayId": "local"},
            {"DestinationIpv6CidrBlock": "::/0", "EgressOnlyInternetGatewayId": "eigw-1"},
            {"DestinationIpv6CidrBlock": "2001:db8::/32", "GatewayId": "igw-1"},
            {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1"}
        ])));
        assert_eq!(rtb(&doc, "rtb-1").routes, [route("0.0.0.0/0", "igw-1")]);
        let notes: Vec<_> = diags
            .iter()
            .filter(|d| d.severity == Severity::Unsupported)
            .collect();
        assert_eq!(notes.len(), 1, "{diags:#?}");
        assert_eq!(
            (notes[0].resource.as_str(), notes[0].field.as_str()),
            ("rtb-1", "Routes")
        );
        assert!(notes[0].message.starts_with("3 IPv6"));
    }

    #[test]
    fn an_instance_route_targets_its_interface() {
        let (doc, _) = one(table(json!([
            {"DestinationCidrBlock": "0.0.0.0/0", "InstanceId": "i-1", "InstanceOwnerId": "111122223333",
             "NetworkInterfaceId": "eni-1", "Origin": "CreateRoute", "State": "active"},
            {"DestinationCidrBlock": "192.168.0.0/16", "InstanceId": "i-2", "State": "blackhole"}
        ])));
        let routes = &rtb(&doc, "rtb-1").routes;
        assert_eq!(routes[0], route("0.0.0.0/0", "eni-1"));
        assert_eq!(routes[1].target, "i-2");
        assert!(routes[1].blackhole);
    }

    #[test]
    fn propagated_routes_are_marked_and_tell_what_is_behind_the_gateway() {
        let mut v = table(json!([
            {"DestinationCidrBlock": "192.168.0.0/16", "GatewayId": "vgw-1",
             "Origin": "EnableVgwRoutePropagation", "State": "active"},
            {"DestinationCidrBlock": "172.20.0.0/16", "GatewayId": "vgw-1", "Origin": "CreateRoute"},
            {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "vgw-1", "Origin": "CreateRoute"}
        ]));
        v["VpnGateways"] = json!([{"VpnGatewayId": "vgw-1", "State": "available", "Type": "ipsec.1",
            "VpcAttachments": [{"State": "attached", "VpcId": "vpc-1"}],
            "Tags": [{"Key": "Name", "Value": "corp"}]}]);
        let (doc, diags) = one(v);
        assert!(diags.is_empty(), "{diags:#?}");
        let routes = &rtb(&doc, "rtb-1").routes;
        assert!(routes[0].propagated && !routes[1].propagated);
        assert_eq!(
            doc.vpn_gateways,
            [VgwDoc {
                id: "vgw-1".into(),
                name: "corp".into(),
                vpc: Some("vpc-1".into()),
                kind: None,
                onprem_cidrs: vec!["192.168.0.0/16".into(), "172.20.0.0/16".into()],
            }]
        );
    }

    #[test]
    fn a_local_route_replaced_by_an_interface_is_unsupported() {
        let (doc, diags) = one(table(json!([
            {"DestinationCidrBlock": "10.0.0.0/16", "NetworkInterfaceId": "eni-fw", "Origin": "CreateRouteTable"}
        ])));
        assert!(rtb(&doc, "rtb-1").routes.is_empty());
        assert!(find(
            &diags,
            Severity::Unsupported,
            "rtb-1",
            "Routes[0].NetworkInterfaceId"
        )
        .is_some());
    }

    #[test]
    fn an_edge_association_is_unsupported_and_subnet_associations_are_kept() {
        let (doc, diags) = one(with(
            "RouteTables",
            json!([{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Routes": [], "Associations": [
                {"Main": false, "GatewayId": "igw-1", "AssociationState": {"State": "associated"}},
                {"Main": false, "SubnetId": "subnet-1", "AssociationState": {"State": "associated"}},
                {"Main": false, "SubnetId": "subnet-2", "AssociationState": {"State": "disassociated"}}
            ]}]),
        ));
        let t = rtb(&doc, "rtb-1");
        assert_eq!(t.subnets, ["subnet-1"]);
        assert!(!t.main);
        assert!(find(
            &diags,
            Severity::Unsupported,
            "rtb-1",
            "Associations[0].GatewayId"
        )
        .is_some());
    }

    #[test]
    fn a_gateway_load_balancer_endpoint_is_left_out_and_routes_to_it_are_noted() {
        let mut v = table(json!([{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "vpce-gwlb"}]));
        v["VpcEndpoints"] = json!([{"VpcEndpointId": "vpce-gwlb", "VpcEndpointType": "GatewayLoadBalancer",
            "VpcId": "vpc-1", "ServiceName": "com.amazonaws.vpce.eu-west-1.vpce-svc-1",
            "NetworkInterfaceIds": ["eni-gwlb"], "SubnetIds": ["subnet-1"]}]);
        let (doc, diags) = one(v);
        assert!(doc.endpoints.is_empty());
        assert_eq!(rtb(&doc, "rtb-1").routes, [route("0.0.0.0/0", "vpce-gwlb")]);
        assert!(find(
            &diags,
            Severity::Unsupported,
            "vpce-gwlb",
            "VpcEndpointType"
        )
        .is_some());
        let u = find(
            &diags,
            Severity::Unsupported,
            "rtb-1",
            "Routes[0].GatewayId",
        )
        .expect("noted");
        assert!(u.message.contains("Gateway Load Balancer"));
    }

    // --- Endpoints -------------------------------------------------------------------------------

    fn interface_endpoint(enis: Value) -> Value {
        let mut v = with(
            "VpcEndpoints",
            json!([{"VpcEndpointId": "vpce-1", "VpcEndpointType": "Interface", "VpcId": "vpc-1",
                "ServiceName": "com.amazonaws.eu-west-1.sts", "State": "available",
                "SubnetIds": ["subnet-1"], "Groups": [{"GroupId": "sg-e", "GroupName": "ep"}],
                "PrivateDnsEnabled": false, "NetworkInterfaceIds": ["eni-e1"],
                "PolicyDocument": "{\"Statement\": [}"}]),
        );
        v["NetworkInterfaces"] = enis;
        v
    }

    #[test]
    fn an_interface_endpoint_gets_its_addresses_from_its_interfaces() {
        let (doc, diags) = one(interface_endpoint(json!([{
            "NetworkInterfaceId": "eni-e1", "InterfaceType": "vpc_endpoint", "SubnetId": "subnet-1",
            "PrivateIpAddress": "10.0.1.44", "Groups": [{"GroupId": "sg-e"}], "RequesterManaged": true,
            "Description": "VPC Endpoint Interface vpce-1"}])));
        let e = &doc.endpoints[0];
        assert_eq!(e.kind, "interface");
        assert_eq!(e.subnets, ["subnet-1"]);
        assert_eq!(e.security_groups, Some(vec!["sg-e".to_string()]));
        assert!(!e.private_dns);
        assert_eq!(
            e.network_interfaces,
            [EndpointEniDoc {
                id: "eni-e1".into(),
                subnet: "subnet-1".into(),
                private_ip: Some("10.0.1.44".into()),
            }]
        );
        assert!(doc.network_interfaces.is_empty());
        // The policy here is broken JSON: kept as text, with a warning.
        assert_eq!(
            e.policy,
            Some(serde_json::Value::String("{\"Statement\": [}".into()))
        );
        assert!(find(&diags, Severity::Warning, "vpce-1", "PolicyDocument").is_some());
    }

    #[test]
    fn an_interface_endpoint_whose_interfaces_are_not_given_warns() {
        let (doc, diags) = one(interface_endpoint(json!([])));
        assert!(doc.endpoints[0].network_interfaces.is_empty());
        let w = find(
            &diags,
            Severity::Warning,
            "vpce-1",
            "NetworkInterfaceIds[0]",
        )
        .expect("warned");
        assert!(w.message.contains("eni-e1"));
    }

    // --- Security groups and network ACLs --------------------------------------------------------

    #[test]
    fn security_group_rules_cover_ports_protocols_prefix_lists_and_other_accounts() {
        let (doc, diags) = one(with(
            "SecurityGroups",
            json!([{"GroupId": "sg-1", "GroupName": "web", "VpcId": "vpc-1", "OwnerId": "111122223333",
                "IpPermissions": [
                    {"IpProtocol": "tcp", "FromPort": 1024, "ToPort": 65535,
                     "IpRanges": [{"CidrIp": "10.0.0.0/8", "Description": "corp"}],
                     "PrefixListIds": [{"PrefixListId": "pl-1"}],
                     "UserIdGroupPairs": [{"GroupId": "sg-9", "UserId": "444455556666",
                                           "VpcPeeringConnectionId": "pcx-1", "PeeringStatus": "active"},
                                          {"GroupId": "sg-2", "UserId": "111122223333"}],
                     "Ipv6Ranges": [{"CidrIpv6": "::/0"}]},
                    {"IpProtocol": "icmp", "FromPort": 8, "ToPort": -1, "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
                     "Ipv6Ranges": [{"CidrIpv6": "::/0"}]},
                    {"IpProtocol": "50", "IpRanges": [{"CidrIp": "192.0.2.0/24"}]}
                ],
                "IpPermissionsEgress": []}]),
        ));
        let sg = &doc.security_groups[0];
        let summary: Vec<_> = sg
            .ingress
            .iter()
            .map(|r| {
                (
                    r.protocol.as_str(),
                    r.ports.clone(),
                    r.cidr
                        .clone()
                        .or(r.prefix_list.clone())
                        .or(r.group.clone())
                        .unwrap_or_default(),
                )
            })
            .collect();
        let high = Some(PortsDoc::Text("1024-65535".into()));
        assert_eq!(
            summary,
            [
                ("tcp", high.clone(), "10.0.0.0/8".to_string()),
                ("tcp", high.clone(), "pl-1".to_string()),
                ("tcp", high, "444455556666/sg-9".to_string()),
                (
                    "tcp",
                    Some(PortsDoc::Text("1024-65535".into())),
                    "sg-2".to_string()
                ),
                ("icmp", None, "0.0.0.0/0".to_string()),
                ("50", None, "192.0.2.0/24".to_string()),
            ]
        );
        assert_eq!(sg.ingress[0].description, "corp");
        assert_eq!(sg.egress, Some(vec![]));
        let notes: Vec<_> = diags
            .iter()
            .filter(|d| d.severity == Severity::Unsupported)
            .collect();
        assert_eq!(notes.len(), 1, "one IPv6 note per group: {diags:#?}");
        assert_eq!(notes[0].resource, "sg-1");
    }

    #[test]
    fn acl_entries_split_by_direction_with_protocol_names_and_ports() {
        let (doc, diags) = one(with(
            "NetworkAcls",
            json!([{"NetworkAclId": "acl-1", "VpcId": "vpc-1", "IsDefault": false,
            "Associations": [{"SubnetId": "subnet-1"}],
            "Entries": [
                {"RuleNumber": 100, "Egress": false, "Protocol": "6", "RuleAction": "allow",
                 "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 443, "To": 443}},
                {"RuleNumber": 110, "Egress": false, "Protocol": "17", "RuleAction": "deny",
                 "CidrBlock": "10.0.0.0/8", "PortRange": {"From": 1024, "To": 65535}},
                {"RuleNumber": 120, "Egress": false, "Protocol": "1", "RuleAction": "allow",
                 "CidrBlock": "0.0.0.0/0", "IcmpTypeCode": {"Code": -1, "Type": 8}},
                {"RuleNumber": 101, "Egress": false, "Protocol": "6", "RuleAction": "allow",
                 "Ipv6CidrBlock": "::/0", "PortRange": {"From": 443, "To": 443}},
                {"RuleNumber": 32767, "Egress": false, "Protocol": "-1", "RuleAction": "deny",
                 "CidrBlock": "0.0.0.0/0"},
                {"RuleNumber": 32767, "Egress": true, "Protocol": "-1", "RuleAction": "deny",
                 "CidrBlock": "0.0.0.0/0"}
            ]}]),
        ));
        let acl = &doc.network_acls[0];
        assert!(!acl.default);
        assert_eq!(acl.subnets, ["subnet-1"]);
        let ingress = acl.ingress.as_ref().expect("explicit");
        let summary: Vec<_> = ingress
            .iter()
            .map(|r| {
                (
                    r.rule,
                    r.protocol.as_str(),
                    r.ports.clone(),
                    r.action.as_str(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (100, "tcp", Some(PortsDoc::Number(443)), "allow"),
                (
                    110,
                    "udp",
                    Some(PortsDoc::Text("1024-65535".into())),
                    "deny"
                ),
                (120, "icmp", None, "allow"),
            ]
        );
        assert_eq!(acl.egress, Some(vec![]));
        assert!(find(&diags, Severity::Unsupported, "acl-1", "Entries").is_some());
    }

    // --- Instances and network interfaces --------------------------------------------------------

    fn instance_estate(state: &str) -> Value {
        let primary = json!({"NetworkInterfaceId": "eni-p", "SubnetId": "subnet-1", "PrivateIpAddress": "10.0.1.10",
            "PrivateIpAddresses": [{"Primary": true, "PrivateIpAddress": "10.0.1.10"}],
            "Groups": [{"GroupId": "sg-1", "GroupName": "web"}], "SourceDestCheck": false,
            "Association": {"PublicIp": "198.51.100.7"}, "InterfaceType": "interface",
            "Attachment": {"DeviceIndex": 0, "Status": "attached", "InstanceId": "i-1"}});
        let second = json!({"NetworkInterfaceId": "eni-s", "SubnetId": "subnet-1", "PrivateIpAddress": "10.0.1.11",
            "PrivateIpAddresses": [{"Primary": true, "PrivateIpAddress": "10.0.1.11"},
                                   {"Primary": false, "PrivateIpAddress": "10.0.1.12"}],
            "Groups": [{"GroupId": "sg-2"}], "SourceDestCheck": true, "InterfaceType": "interface",
            "TagSet": [{"Key": "Name", "Value": "data"}],
            "Attachment": {"DeviceIndex": 1, "Status": "attached", "InstanceId": "i-1"}});
        let mut in_instance = [primary.clone(), second.clone()];
        for e in &mut in_instance {
            // describe-instances prints the attachment without the instance id.
            if let Some(a) = e.get_mut("Attachment").and_then(Value::as_object_mut) {
                a.remove("InstanceId");
            }
            if let Some(o) = e.as_object_mut() {
                o.remove("TagSet");
            }
        }
        with(
            "Reservations",
            json!([{"ReservationId": "r-1", "Instances": [{
                "InstanceId": "i-1", "State": {"Code": 16, "Name": state}, "SubnetId": "subnet-1",
                "PrivateIpAddress": "10.0.1.10", "PublicIpAddress": "198.51.100.7",
                "SecurityGroups": [{"GroupId": "sg-1", "GroupName": "web"}], "SourceDestCheck": false,
                "Tags": [{"Key": "Name", "Value": "web-1"}], "NetworkInterfaces": in_instance}]}]),
        )
        .as_object()
        .cloned()
        .map(|mut m| {
            m.insert("NetworkInterfaces".into(), json!([primary, second]));
            Value::Object(m)
        })
        .unwrap_or_default()
    }

    #[test]
    fn an_instance_listed_twice_has_one_primary_interface_and_one_secondary() {
        let (doc, diags) = one(instance_estate("running"));
        assert!(diags.is_empty(), "{diags:#?}");
        assert_eq!(
            doc.instances,
            [InstanceDoc {
                id: "i-1".into(),
                name: "web-1".into(),
                subnet: "subnet-1".into(),
                private_ip: Some("10.0.1.10".into()),
                public_ip: Some("198.51.100.7".into()),
                security_groups: Some(vec!["sg-1".into()]),
                source_dest_check: false,
                eni: Some("eni-p".into()),
                role_policy: None,
            }]
        );
        assert_eq!(
            doc.network_interfaces,
            [EniDoc {
                id: "eni-s".into(),
                name: "data".into(),
                subnet: "subnet-1".into(),
                private_ip: "10.0.1.11".into(),
                secondary_ips: vec!["10.0.1.12".into()],
                public_ip: None,
                security_groups: Some(vec!["sg-2".into()]),
                source_dest_check: true,
                instance: Some("i-1".into()),
                description: String::new(),
            }]
        );
    }

    #[test]
    fn describe_instances_alone_gives_the_instance_and_its_secondary_interface() {
        let mut v = instance_estate("running");
        if let Some(o) = v.as_object_mut() {
            o.remove("NetworkInterfaces");
        }
        let (doc, diags) = one(v);
        assert!(diags.is_empty(), "{diags:#?}");
        assert_eq!(doc.instances.len(), 1);
        assert_eq!(doc.instances[0].eni.as_deref(), Some("eni-p"));
        assert_eq!(doc.network_interfaces.len(), 1);
        assert_eq!(doc.network_interfaces[0].instance.as_deref(), Some("i-1"));
    }

    #[test]
    fn a_terminated_instance_is_left_out_with_a_warning() {
        let (doc, diags) = one(instance_estate("terminated"));
        assert!(doc.instances.is_empty());
        assert!(doc.network_interfaces.is_empty());
        assert!(find(&diags, Severity::Warning, "i-1", "State.Name").is_some());
    }

    #[test]
    fn a_secondary_interface_of_an_unknown_instance_stands_alone() {
        let v = with(
            "NetworkInterfaces",
            json!([{"NetworkInterfaceId": "eni-s", "SubnetId": "subnet-1", "PrivateIpAddress": "10.0.1.11",
                "InterfaceType": "interface", "Attachment": {"DeviceIndex": 1, "InstanceId": "i-9", "Status": "attached"}},
              {"NetworkInterfaceId": "eni-l", "SubnetId": "subnet-1", "PrivateIpAddress": "10.0.1.20",
                "InterfaceType": "lambda", "Description": "AWS Lambda VPC ENI-fn", "RequesterManaged": true}]),
        );
        let (doc, diags) = one(v);
        assert!(doc.instances.is_empty());
        assert_eq!(doc.network_interfaces.len(), 2);
        assert_eq!(doc.network_interfaces[0].instance, None);
        assert!(find(&diags, Severity::Warning, "eni-s", "Attachment.InstanceId").is_some());
        assert_eq!(
            doc.network_interfaces[1].description,
            "AWS Lambda VPC ENI-fn"
        );
    }

    #[test]
    fn an_interface_without_its_address_is_an_error() {
        let (_, diags) = one(with(
            "NetworkInterfaces",
            json!([{"NetworkInterfaceId": "eni-1", "SubnetId": "subnet-1"}]),
        ));
        assert!(find(
            &diags,
            Severity::Error,
            "in.json",
            "NetworkInterfaces[0].PrivateIpAddress"
        )
        .is_some());
    }

    // --- Peering and Regions ---------------------------------------------------------------------

    #[test]
    fn a_peer_vpc_in_another_account_is_made_from_the_connection() {
        let (doc, diags) = one(with(
            "VpcPeeringConnections",
            json!([{"VpcPeeringConnectionId": "pcx-1", "Status": {"Code": "pending-acceptance"},
                "RequesterVpcInfo": {"VpcId": "vpc-1", "OwnerId": "111122223333", "Region": "eu-west-1",
                                     "CidrBlock": "10.0.0.0/16"},
                "AccepterVpcInfo": {"VpcId": "vpc-far", "OwnerId": "444455556666", "Region": "ap-southeast-2",
                                    "CidrBlock": "10.8.0.0/16",
                                    "CidrBlockSet": [{"CidrBlock": "10.8.0.0/16"}, {"CidrBlock": "10.9.0.0/16"}]}}]),
        ));
        assert_eq!(
            doc.peering_connections[0].status.as_deref(),
            Some("pending-acceptance")
        );
        assert_eq!(
            doc.vpcs[1],
            VpcDoc {
                id: "vpc-far".into(),
                name: String::new(),
                cidr: None,
                cidrs: vec!["10.8.0.0/16".into(), "10.9.0.0/16".into()],
                region: Some("ap-southeast-2".into()),
                account: Some("444455556666".into()),
                dns_support: true,
                dns_hostnames: true,
            }
        );
        let w = find(&diags, Severity::Warning, "vpc-far", "").expect("warned");
        assert!(w
            .message
            .contains("peer VPC described only by the peering connection"));
        assert_eq!(doc.vpcs[0].region.as_deref(), Some("eu-west-1"));
        assert_eq!(doc.region.as_deref(), Some("eu-west-1"));
        assert_eq!(diags.len(), 1, "{diags:#?}");
    }

    #[test]
    fn zone_names_give_their_region() {
        let cases = [
            ("us-east-1a", Some("us-east-1")),
            ("eu-central-2c", Some("eu-central-2")),
            ("us-west-2-lax-1a", Some("us-west-2")),
            ("us-east-1-wl1-bos-wlz-1", Some("us-east-1")),
            ("us-gov-west-1a", Some("us-gov-west-1")),
            ("use1-az6", None),
            ("", None),
            ("1a", None),
        ];
        for (az, region) in cases {
            assert_eq!(region_of_az(az).as_deref(), region, "{az}");
        }
    }

    #[test]
    fn conflicting_regions_for_one_vpc_warn() {
        let mut v = Value::Object(base());
        let second = json!({"SubnetId": "subnet-2", "VpcId": "vpc-1", "CidrBlock": "10.0.2.0/24",
                                 "AvailabilityZone": "us-east-1a"});
        if let Some(a) = v["Subnets"].as_array_mut() {
            a.push(second);
        }
        let (doc, diags) = one(v);
        assert_eq!(doc.vpcs[0].region.as_deref(), Some("eu-west-1"));
        assert!(find(&diags, Severity::Warning, "vpc-1", "").is_some());
    }

    // --- Prefix lists, NAT and VPN gateways ------------------------------------------------------

    #[test]
    fn a_managed_prefix_list_without_entries_warns_that_its_cidrs_are_unknown() {
        let mut v = with(
            "ManagedPrefixLists",
            json!([{"PrefixListId": "pl-a", "PrefixListName": "offices", "AddressFamily": "IPv4"},
                   {"PrefixListId": "pl-b", "PrefixListName": "partners", "AddressFamily": "IPv4",
                    "Entries": [{"Cidr": "192.0.2.0/24", "Description": "p1"}, {"Cidr": "2001:db8::/32"}]},
                   {"PrefixListId": "pl-63a5400a", "PrefixListName": "com.amazonaws.us-east-1.s3",
                    "AddressFamily": "IPv4", "OwnerId": "AWS"},
                   {"PrefixListId": "pl-6", "PrefixListName": "v6", "AddressFamily": "IPv6"}]),
        );
        v["PrefixLists"] = json!([{"PrefixListId": "pl-63a5400a", "PrefixListName": "com.amazonaws.us-east-1.s3",
                                   "Cidrs": ["52.216.0.0/15"]}]);
        let (doc, diags) = one(v);
        let pls: Vec<_> = doc
            .prefix_lists
            .iter()
            .map(|p| (p.id.as_str(), p.cidrs.clone()))
            .collect();
        assert_eq!(
            pls,
            [
                ("pl-63a5400a", vec!["52.216.0.0/15".to_string()]),
                ("pl-a", vec![]),
                ("pl-b", vec!["192.0.2.0/24".to_string()]),
            ]
        );
        let w = find(&diags, Severity::Warning, "pl-a", "").expect("unknown CIDRs warned");
        assert!(w.message.contains("get-managed-prefix-list-entries"));
        assert!(find(&diags, Severity::Warning, "pl-63a5400a", "").is_none());
        assert!(find(&diags, Severity::Unsupported, "pl-b", "").is_some());
        assert!(find(&diags, Severity::Unsupported, "pl-6", "AddressFamily").is_some());
    }

    #[test]
    fn a_deleted_nat_gateway_is_kept_so_routes_to_it_are_blackhole() {
        let (doc, _) = one(with(
            "NatGateways",
            json!([{"NatGatewayId": "nat-1", "SubnetId": "subnet-1", "State": "deleted",
                "ConnectivityType": "private",
                "NatGatewayAddresses": [{"PrivateIp": "10.0.1.5", "IsPrimary": false},
                                        {"PrivateIp": "10.0.1.6", "IsPrimary": true,
                                         "NetworkInterfaceId": "eni-n"}]}]),
        ));
        let n = &doc.nat_gateways[0];
        assert_eq!(n.state.as_deref(), Some("deleted"));
        assert_eq!(n.connectivity.as_deref(), Some("private"));
        assert_eq!(n.private_ip.as_deref(), Some("10.0.1.6"));
        assert_eq!(n.eni.as_deref(), Some("eni-n"));
        assert_eq!(n.public_ip, None);
    }

    #[test]
    fn every_loader_key_has_a_kind() {
        let keys: Vec<_> = Kind::ALL.iter().map(|k| k.key()).collect();
        assert_eq!(keys, crate::load::AWS_KEYS);
    }
}
