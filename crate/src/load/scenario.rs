//! The playground's own scenario format: compact JSON a course author writes by hand.
//!
//! These types are the format, field for field (see `docs/scenario-format.md`). They hold text
//! as written; `read.rs` fills them from JSON (and applies the defaults the field docs below
//! describe), and `build` parses addresses and resolves references, so its errors can name the
//! resource and field. `ToJson` writes a scenario back out, leaving fields at their default
//! out so it reads like one written by hand. AWS `describe-*` output is converted into these same
//! types (`aws/`), and suggested fixes are applied to them (`fix.rs`), so there is one path
//! into the model.

use crate::json::{Obj, ToJson, Value};

/// A whole scenario file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScenarioDoc {
    /// A title shown above the diagram.
    pub name: String,
    pub description: String,
    /// The default Region for VPCs that name none (`us-east-1` when absent).
    pub region: Option<String>,
    /// The default account for VPCs that name none (`111111111111` when absent).
    pub account: Option<String>,
    pub vpcs: Vec<VpcDoc>,
    pub subnets: Vec<SubnetDoc>,
    pub route_tables: Vec<RouteTableDoc>,
    pub internet_gateways: Vec<IgwDoc>,
    pub nat_gateways: Vec<NatDoc>,
    pub peering_connections: Vec<PeeringDoc>,
    pub endpoints: Vec<EndpointDoc>,
    pub security_groups: Vec<SecurityGroupDoc>,
    pub network_acls: Vec<NetworkAclDoc>,
    pub instances: Vec<InstanceDoc>,
    pub network_interfaces: Vec<EniDoc>,
    pub vpn_gateways: Vec<VgwDoc>,
    pub prefix_lists: Vec<PrefixListDoc>,
    /// S3 buckets and their bucket policies, for flows that make a request (R22).
    pub buckets: Vec<BucketDoc>,
    /// The flow the page offers first.
    pub flow: Option<FlowDoc>,
    /// Lesson narrative and goals; the engine carries it through untouched.
    pub lesson: Option<Value>,
}

/// A VPC. Give `cidr` for one block, `cidrs` for several (secondary blocks count for R19).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct VpcDoc {
    pub id: String,
    pub name: String,
    pub cidr: Option<String>,
    pub cidrs: Vec<String>,
    pub region: Option<String>,
    pub account: Option<String>,
    /// `enableDnsSupport` (default true).
    pub dns_support: bool,
    /// `enableDnsHostnames` (default true).
    pub dns_hostnames: bool,
}

/// A subnet. `az` defaults to the VPC's Region plus `a`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SubnetDoc {
    pub id: String,
    pub name: String,
    pub vpc: String,
    pub cidr: String,
    pub az: Option<String>,
}

/// A route table. `subnets` are its explicit associations; a VPC without a `main: true` table
/// gets one with only the local routes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RouteTableDoc {
    pub id: String,
    pub name: String,
    pub vpc: String,
    pub main: bool,
    pub subnets: Vec<String>,
    /// Routes besides `local`, which every table has for each VPC CIDR.
    pub routes: Vec<RouteDoc>,
}

/// A route: a CIDR or prefix-list id to a target id (`local`, `igw-`, `nat-`, `pcx-`, `vpce-`,
/// `vgw-`, `eni-`, `i-`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RouteDoc {
    pub destination: String,
    pub target: String,
    /// `propagated` for routes learned from a virtual private gateway; static otherwise.
    pub propagated: bool,
    /// `true` when AWS reports the route as blackhole.
    pub blackhole: bool,
}

/// An internet gateway; `vpc` is where it is attached (absent: detached).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IgwDoc {
    pub id: String,
    pub name: String,
    pub vpc: Option<String>,
}

/// A NAT gateway. Public ones need `public_ip` (their Elastic IP).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NatDoc {
    pub id: String,
    pub name: String,
    pub subnet: String,
    /// `public` (default) or `private`.
    pub connectivity: Option<String>,
    pub public_ip: Option<String>,
    /// Chosen from the subnet when absent.
    pub private_ip: Option<String>,
    /// The gateway's network interface id (generated when absent).
    pub eni: Option<String>,
    /// `available` (default), `pending`, `failed`, `deleting` or `deleted`.
    pub state: Option<String>,
}

/// A VPC peering connection; each side's Region and account come from its VPC.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PeeringDoc {
    pub id: String,
    pub name: String,
    pub requester: String,
    pub accepter: String,
    /// AWS's status code; `active` when absent.
    pub status: Option<String>,
}

/// A VPC endpoint. `type` is `gateway` (S3, DynamoDB) or `interface`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EndpointDoc {
    pub id: String,
    pub name: String,
    pub vpc: String,
    pub service: String,
    pub kind: String,
    /// Gateway endpoints: the route tables that get the prefix-list route.
    pub route_tables: Vec<String>,
    /// Interface endpoints: one subnet per AZ.
    pub subnets: Vec<String>,
    /// Interface endpoints: the groups on its interfaces (the VPC's default group when absent).
    pub security_groups: Option<Vec<String>>,
    /// Interface endpoints: whether the service's name resolves to the endpoint (default true).
    pub private_dns: bool,
    /// Interface endpoints: the interfaces, one per subnet (generated when absent).
    pub network_interfaces: Vec<EndpointEniDoc>,
    /// The endpoint policy (a JSON object or its text); absent means allow everything.
    pub policy: Option<Value>,
}

/// One interface of an interface endpoint.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EndpointEniDoc {
    pub id: String,
    pub subnet: String,
    pub private_ip: Option<String>,
}

/// A security group. Absent `egress` means AWS's default allow-all outbound rule; `[]` means none.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SecurityGroupDoc {
    pub id: String,
    pub name: String,
    pub vpc: String,
    pub ingress: Vec<SgRuleDoc>,
    pub egress: Option<Vec<SgRuleDoc>>,
}

/// Ports as a number (`443`) or text (`"1024-65535"`, `"all"`).
#[derive(Clone, Debug, PartialEq)]
pub enum PortsDoc {
    Number(u16),
    Text(String),
    /// Anything else (a number out of range, a list ...): kept so the builder can say what is
    /// wrong with it instead of a generic "did not match".
    Invalid(Value),
}

/// One security-group rule; give exactly one of `cidr`, `prefix_list`, `group`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SgRuleDoc {
    /// `tcp`, `udp`, `icmp`, `all` or a protocol number.
    pub protocol: String,
    /// Absent means all ports.
    pub ports: Option<PortsDoc>,
    pub cidr: Option<String>,
    pub prefix_list: Option<String>,
    /// A group id; `account/sg-id` for a group in another account (R10).
    pub group: Option<String>,
    pub description: String,
}

/// A network ACL. `default: true` marks the VPC's default ACL, which allows everything when
/// it lists no rules; a custom ACL without rules denies everything, as in AWS.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NetworkAclDoc {
    pub id: String,
    pub name: String,
    pub vpc: String,
    pub default: bool,
    pub subnets: Vec<String>,
    pub ingress: Option<Vec<NaclRuleDoc>>,
    pub egress: Option<Vec<NaclRuleDoc>>,
}

/// One network ACL rule.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NaclRuleDoc {
    pub rule: u32,
    pub protocol: String,
    pub ports: Option<PortsDoc>,
    pub cidr: String,
    /// `allow` or `deny`.
    pub action: String,
}

/// An instance with one network interface (more can be attached with `network_interfaces`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InstanceDoc {
    pub id: String,
    pub name: String,
    pub subnet: String,
    /// Chosen from the subnet when absent.
    pub private_ip: Option<String>,
    pub public_ip: Option<String>,
    /// The VPC's default group when absent.
    pub security_groups: Option<Vec<String>>,
    pub source_dest_check: bool,
    /// The primary interface's id (`eni-` plus the instance id's suffix when absent).
    pub eni: Option<String>,
    /// The identity policy of the instance's role (R22); absent means the role allows the
    /// request.
    pub role_policy: Option<Value>,
}

/// A network interface not described by an instance, NAT gateway or endpoint.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EniDoc {
    pub id: String,
    pub name: String,
    pub subnet: String,
    pub private_ip: String,
    pub secondary_ips: Vec<String>,
    pub public_ip: Option<String>,
    pub security_groups: Option<Vec<String>>,
    pub source_dest_check: bool,
    /// The instance it is attached to, if any.
    pub instance: Option<String>,
    pub description: String,
}

/// A virtual private gateway and the corporate network behind it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct VgwDoc {
    pub id: String,
    pub name: String,
    pub vpc: Option<String>,
    /// `vpn` (default) or `direct-connect`.
    pub kind: Option<String>,
    pub onprem_cidrs: Vec<String>,
}

/// A prefix list (customer-managed, or an AWS one the input carries).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PrefixListDoc {
    pub id: String,
    pub name: String,
    pub cidrs: Vec<String>,
}

/// An S3 bucket and its policy.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BucketDoc {
    pub name: String,
    pub policy: Option<Value>,
}

/// A flow to trace.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FlowDoc {
    pub from: String,
    pub to: String,
    pub protocol: Option<String>,
    pub port: Option<u16>,
    /// A request to an AWS service, checked against endpoint, bucket and role policies (R22).
    pub request: Option<crate::policy::Request>,
}

// ---- Writing a scenario back out: fields in the order above, defaults left out ----

impl ToJson for ScenarioDoc {
    fn to_json(&self) -> Value {
        Obj::new()
            .text("name", &self.name)
            .text("description", &self.description)
            .some("region", &self.region)
            .some("account", &self.account)
            .list("vpcs", &self.vpcs)
            .list("subnets", &self.subnets)
            .list("route_tables", &self.route_tables)
            .list("internet_gateways", &self.internet_gateways)
            .list("nat_gateways", &self.nat_gateways)
            .list("peering_connections", &self.peering_connections)
            .list("endpoints", &self.endpoints)
            .list("security_groups", &self.security_groups)
            .list("network_acls", &self.network_acls)
            .list("instances", &self.instances)
            .list("network_interfaces", &self.network_interfaces)
            .list("vpn_gateways", &self.vpn_gateways)
            .list("prefix_lists", &self.prefix_lists)
            .list("buckets", &self.buckets)
            .some("flow", &self.flow)
            .some("lesson", &self.lesson)
            .build()
    }
}

impl ToJson for VpcDoc {
    fn to_json(&self) -> Value {
        Obj::new()
            .put("id", &self.id)
            .text("name", &self.name)
            .some("cidr", &self.cidr)
            .list("cidrs", &self.cidrs)
            .some("region", &self.region)
            .some("account", &self.account)
            .flag("dns_support", self.dns_support, true)
            .flag("dns_hostnames", self.dns_hostnames, true)
            .build()
    }
}

impl ToJson for SubnetDoc {
    fn to_json(&self) -> Value {
        Obj::new()
            .put("id", &self.id)
            .text("name", &self.name)
            .put("vpc", &self.vpc)
            .put("cidr", &self.cidr)
            .some("az", &self.az)
            .build()
    }
}

impl ToJson for RouteTableDoc {
    fn to_json(&self) -> Value {
        Obj::new()
            .put("id", &self.id)
            .text("name", &self.name)
            .put("vpc", &self.vpc)
            .flag("main", self.main, false)
            .list("subnets", &self.subnets)
            .list("routes", &self.routes)
            .build()
    }
}

impl ToJson for RouteDoc {
    fn to_json(&self) -> Value {
        Obj::new()
            .put("destination", &self.destination)
            .put("target", &self.target)
            .flag("propagated", self.propagated, false)
            .flag("blackhole", self.blackhole, false)
            .build()
    }
}

impl ToJson for IgwDoc {
    fn to_json(&self) -> Value {
        Obj::new()
            .put("id", &self.id)
            .text("name", &self.name)
            .some("vpc", &self.vpc)
            .build()
    }
}

impl ToJson for NatDoc {
    fn to_json(&self) -> Value {
        Obj::new()
            .put("id", &self.id)
            .text("name", &self.name)
            .put("subnet", &self.subnet)
            .some("connectivity", &self.connectivity)
            .some("public_ip", &self.public_ip)
            .some("private_ip", &self.private_ip)
            .some("eni", &self.eni)
            .some("state", &self.state)
            .build()
    }
}

impl ToJson for PeeringDoc {
    fn to_json(&self) -> Value {
        Obj::new()
            .put("id", &self.id)
            .text("name", &self.name)
            .put("requester", &self.requester)
            .put("accepter", &self.accepter)
            .some("status", &self.status)
            .build()
    }
}

impl ToJson for EndpointDoc {
    fn to_json(&self) -> Value {
        Obj::new()
            .put("id", &self.id)
            .text("name", &self.name)
            .put("vpc", &self.vpc)
            .put("service", &self.service)
            .put("type", &self.kind)
            .list("route_tables", &self.route_tables)
            .list("subnets", &self.subnets)
            .some("security_groups", &self.security_groups)
            .flag("private_dns", self.private_dns, true)
            .list("network_interfaces", &self.network_interfaces)
            .some("policy", &self.policy)
            .build()
    }
}

impl ToJson for EndpointEniDoc {
    fn to_json(&self) -> Value {
        Obj::new()
            .put("id", &self.id)
            .put("subnet", &self.subnet)
            .some("private_ip", &self.private_ip)
            .build()
    }
}

impl ToJson for SecurityGroupDoc {
    fn to_json(&self) -> Value {
        Obj::new()
            .put("id", &self.id)
            .text("name", &self.name)
            .put("vpc", &self.vpc)
            .list("ingress", &self.ingress)
            .some("egress", &self.egress)
            .build()
    }
}

/// As written: a number, a string, or whatever invalid value the author gave.
impl ToJson for PortsDoc {
    fn to_json(&self) -> Value {
        match self {
            PortsDoc::Number(n) => n.to_json(),
            PortsDoc::Text(s) => s.to_json(),
            PortsDoc::Invalid(v) => v.clone(),
        }
    }
}

impl ToJson for SgRuleDoc {
    fn to_json(&self) -> Value {
        Obj::new()
            .put("protocol", &self.protocol)
            .some("ports", &self.ports)
            .some("cidr", &self.cidr)
            .some("prefix_list", &self.prefix_list)
            .some("group", &self.group)
            .text("description", &self.description)
            .build()
    }
}

impl ToJson for NetworkAclDoc {
    fn to_json(&self) -> Value {
        Obj::new()
            .put("id", &self.id)
            .text("name", &self.name)
            .put("vpc", &self.vpc)
            .flag("default", self.default, false)
            .list("subnets", &self.subnets)
            .some("ingress", &self.ingress)
            .some("egress", &self.egress)
            .build()
    }
}

impl ToJson for NaclRuleDoc {
    fn to_json(&self) -> Value {
        Obj::new()
            .put("rule", &self.rule)
            .put("protocol", &self.protocol)
            .some("ports", &self.ports)
            .put("cidr", &self.cidr)
            .put("action", &self.action)
            .build()
    }
}

impl ToJson for InstanceDoc {
    fn to_json(&self) -> Value {
        Obj::new()
            .put("id", &self.id)
            .text("name", &self.name)
            .put("subnet", &self.subnet)
            .some("private_ip", &self.private_ip)
            .some("public_ip", &self.public_ip)
            .some("security_groups", &self.security_groups)
            .flag("source_dest_check", self.source_dest_check, true)
            .some("eni", &self.eni)
            .some("role_policy", &self.role_policy)
            .build()
    }
}

impl ToJson for EniDoc {
    fn to_json(&self) -> Value {
        Obj::new()
            .put("id", &self.id)
            .text("name", &self.name)
            .put("subnet", &self.subnet)
            .put("private_ip", &self.private_ip)
            .list("secondary_ips", &self.secondary_ips)
            .some("public_ip", &self.public_ip)
            .some("security_groups", &self.security_groups)
            .flag("source_dest_check", self.source_dest_check, true)
            .some("instance", &self.instance)
            .text("description", &self.description)
            .build()
    }
}

impl ToJson for VgwDoc {
    fn to_json(&self) -> Value {
        Obj::new()
            .put("id", &self.id)
            .text("name", &self.name)
            .some("vpc", &self.vpc)
            .some("type", &self.kind)
            .list("onprem_cidrs", &self.onprem_cidrs)
            .build()
    }
}

impl ToJson for PrefixListDoc {
    fn to_json(&self) -> Value {
        Obj::new()
            .put("id", &self.id)
            .text("name", &self.name)
            .put("cidrs", &self.cidrs)
            .build()
    }
}

impl ToJson for BucketDoc {
    fn to_json(&self) -> Value {
        Obj::new()
            .put("name", &self.name)
            .some("policy", &self.policy)
            .build()
    }
}

impl ToJson for FlowDoc {
    fn to_json(&self) -> Value {
        Obj::new()
            .put("from", &self.from)
            .put("to", &self.to)
            .some("protocol", &self.protocol)
            .some("port", &self.port)
            .some("request", &self.request)
            .build()
    }
}
