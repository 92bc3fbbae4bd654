//! AWS vocabulary for resource ids: each kind's id prefix, its noun, and the `aws ec2 create-route`
//! flag that names it as a route target. One table, so no other module spells a prefix.

/// A kind of AWS resource, known by the prefix of its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ResourceKind {
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
    VpnGateway,
    TransitGateway,
    EgressOnlyInternetGateway,
    CarrierGateway,
    LocalGateway,
    TransitGatewayAttachment,
    TransitGatewayRouteTable,
    VpnConnection,
    CustomerGateway,
}

/// (kind, id prefix, noun, route-target flag).
const TABLE: &[(ResourceKind, &str, &str, &str)] = &[
    (ResourceKind::Vpc, "vpc-", "VPC", "--vpc-id"),
    (ResourceKind::Subnet, "subnet-", "subnet", "--subnet-id"),
    (
        ResourceKind::RouteTable,
        "rtb-",
        "route table",
        "--route-table-id",
    ),
    (
        ResourceKind::InternetGateway,
        "igw-",
        "internet gateway",
        "--gateway-id",
    ),
    (
        ResourceKind::NatGateway,
        "nat-",
        "NAT gateway",
        "--nat-gateway-id",
    ),
    (
        ResourceKind::Peering,
        "pcx-",
        "peering connection",
        "--vpc-peering-connection-id",
    ),
    (
        ResourceKind::Endpoint,
        "vpce-",
        "VPC endpoint",
        "--vpc-endpoint-id",
    ),
    (
        ResourceKind::SecurityGroup,
        "sg-",
        "security group",
        "--group-id",
    ),
    (
        ResourceKind::NetworkAcl,
        "acl-",
        "network ACL",
        "--network-acl-id",
    ),
    (
        ResourceKind::NetworkInterface,
        "eni-",
        "network interface",
        "--network-interface-id",
    ),
    (ResourceKind::Instance, "i-", "instance", "--instance-id"),
    (
        ResourceKind::PrefixList,
        "pl-",
        "prefix list",
        "--destination-prefix-list-id",
    ),
    (
        ResourceKind::VpnGateway,
        "vgw-",
        "virtual private gateway",
        "--gateway-id",
    ),
    (
        ResourceKind::TransitGateway,
        "tgw-",
        "transit gateway",
        "--transit-gateway-id",
    ),
    (
        ResourceKind::EgressOnlyInternetGateway,
        "eigw-",
        "egress-only internet gateway",
        "--egress-only-internet-gateway-id",
    ),
    (
        ResourceKind::CarrierGateway,
        "cagw-",
        "carrier gateway",
        "--carrier-gateway-id",
    ),
    (
        ResourceKind::LocalGateway,
        "lgw-",
        "local gateway",
        "--local-gateway-id",
    ),
    // Longer prefixes than `tgw-`: `of_id` takes the longest prefix that matches.
    (
        ResourceKind::TransitGatewayAttachment,
        "tgw-attach-",
        "transit gateway attachment",
        "--transit-gateway-attachment-id",
    ),
    (
        ResourceKind::TransitGatewayRouteTable,
        "tgw-rtb-",
        "transit gateway route table",
        "--transit-gateway-route-table-id",
    ),
    (
        ResourceKind::VpnConnection,
        "vpn-",
        "VPN connection",
        "--vpn-connection-id",
    ),
    (
        ResourceKind::CustomerGateway,
        "cgw-",
        "customer gateway",
        "--customer-gateway-id",
    ),
];

/// The kinds a route can target that the engine models, in the order messages list them.
pub const MODELLED_TARGETS: [ResourceKind; 8] = [
    ResourceKind::InternetGateway,
    ResourceKind::NatGateway,
    ResourceKind::Peering,
    ResourceKind::Endpoint,
    ResourceKind::VpnGateway,
    ResourceKind::NetworkInterface,
    ResourceKind::Instance,
    ResourceKind::TransitGateway,
];

/// The kinds a route can target that the engine does not model: packets stop there.
pub const UNMODELLED_TARGETS: [ResourceKind; 3] = [
    ResourceKind::EgressOnlyInternetGateway,
    ResourceKind::CarrierGateway,
    ResourceKind::LocalGateway,
];

/// A core network (Cloud WAN) route target is named by its ARN, not by an id.
const CORE_NETWORK_ARN_PREFIX: &str = "arn:";

/// Whether a route target id names a kind the engine does not model (see `UNMODELLED_TARGETS`),
/// or a core network by its ARN.
pub fn is_unmodelled_target(id: &str) -> bool {
    id.starts_with(CORE_NETWORK_ARN_PREFIX) || UNMODELLED_TARGETS.iter().any(|k| k.owns(id))
}

/// Whether a route target id names a kind the engine models (an `igw-`, `nat-` ... id).
pub fn is_modelled_target(id: &str) -> bool {
    MODELLED_TARGETS.iter().any(|k| k.owns(id))
}

/// The prefixes of the modelled target kinds, for messages: `igw-, nat-, ... or i-`.
pub fn modelled_target_prefixes() -> String {
    let p: Vec<&str> = MODELLED_TARGETS.iter().map(|k| k.prefix()).collect();
    match p.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => p.join(""),
    }
}

impl ResourceKind {
    fn row(self) -> (ResourceKind, &'static str, &'static str, &'static str) {
        TABLE
            .iter()
            .copied()
            .find(|r| r.0 == self)
            .unwrap_or((self, "", "resource", ""))
    }

    /// The id prefix, with its dash (`igw-`).
    pub fn prefix(self) -> &'static str {
        self.row().1
    }

    /// What one resource of this kind is called in messages.
    pub fn noun(self) -> &'static str {
        self.row().2
    }

    /// The `aws ec2 create-route` flag (or, for kinds that are not targets, the id flag).
    pub fn cli_flag(self) -> &'static str {
        self.row().3
    }

    /// The kind an id's prefix names, if any.
    pub fn of_id(id: &str) -> Option<ResourceKind> {
        TABLE
            .iter()
            .filter(|r| id.starts_with(r.1))
            .max_by_key(|r| r.1.len())
            .map(|r| r.0)
    }

    /// Whether `id` is the id of a resource of this kind.
    pub fn owns(self, id: &str) -> bool {
        ResourceKind::of_id(id) == Some(self)
    }
}

// ---- Generated ids: resources AWS creates with every VPC or instance ----------------------

/// The short part of an id (`vpc-a` -> `a`), for generated ids.
pub fn suffix(id: &str) -> &str {
    id.split_once('-').map(|(_, s)| s).unwrap_or(id)
}

/// The id of a VPC's generated main route table.
pub fn main_rtb_id(vpc: &str) -> String {
    format!("{}{}-main", ResourceKind::RouteTable.prefix(), suffix(vpc))
}

/// The id of a VPC's generated default network ACL.
pub fn default_acl_id(vpc: &str) -> String {
    format!(
        "{}{}-default",
        ResourceKind::NetworkAcl.prefix(),
        suffix(vpc)
    )
}

/// The id of a VPC's generated default security group.
pub fn default_sg_id(vpc: &str) -> String {
    format!(
        "{}{}-default",
        ResourceKind::SecurityGroup.prefix(),
        suffix(vpc)
    )
}

/// The id of an instance's generated primary interface (`i-web` -> `eni-web`).
pub fn instance_eni_id(instance: &str) -> String {
    format!(
        "{}{}",
        ResourceKind::NetworkInterface.prefix(),
        suffix(instance)
    )
}

/// The id of a NAT gateway's generated interface (`nat-1` -> `eni-nat-1`).
pub fn nat_eni_id(nat: &str) -> String {
    format!("{}{nat}", ResourceKind::NetworkInterface.prefix())
}

/// The id of an interface endpoint's generated interface in its `n`th subnet, counting from 1
/// (`vpce-logs`, 1 -> `eni-logs-1`).
pub fn endpoint_eni_id(endpoint: &str, n: usize) -> String {
    let p = ResourceKind::NetworkInterface.prefix();
    format!("{p}{}-{n}", suffix(endpoint))
}

/// The id a prefix list gets when the built-in list does not name one
/// (`com.amazonaws.eu-west-1.s3` -> `pl-com-amazonaws-eu-west-1-s3`).
pub fn fallback_prefix_list_id(service: &str) -> String {
    format!(
        "{}{}",
        ResourceKind::PrefixList.prefix(),
        service.replace('.', "-")
    )
}

/// The id a new peering connection between two VPCs gets (`pcx-a-b`).
pub fn new_peering_id(requester: &str, accepter: &str) -> String {
    let p = ResourceKind::Peering.prefix();
    format!("{p}{}-{}", suffix(requester), suffix(accepter))
}

/// The id a new subnet gets: `subnet-` and its name, else the VPC's suffix (`subnet-app`).
pub fn new_subnet_id(vpc: &str, name: &str) -> String {
    let word: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let word = word.trim_matches('-');
    let base = if word.is_empty() { suffix(vpc) } else { word };
    format!("{}{base}", ResourceKind::Subnet.prefix())
}

/// The id a new gateway endpoint for a service gets (`vpce-s3`).
pub fn new_endpoint_id(service: &str) -> String {
    let short = service.rsplit('.').next().unwrap_or(service);
    format!("{}{short}", ResourceKind::Endpoint.prefix())
}

#[cfg(test)]
mod tests {
    use super::ResourceKind;

    #[test]
    fn ids_name_their_kind_by_prefix() {
        assert_eq!(
            ResourceKind::of_id("igw-0a1"),
            Some(ResourceKind::InternetGateway)
        );
        assert_eq!(
            ResourceKind::of_id("eigw-0a1"),
            Some(ResourceKind::EgressOnlyInternetGateway)
        );
        assert_eq!(ResourceKind::of_id("i-0a1"), Some(ResourceKind::Instance));
        assert_eq!(ResourceKind::of_id("local"), None);
        assert!(ResourceKind::VpnGateway.owns("vgw-1"));
        assert_eq!(
            ResourceKind::Peering.cli_flag(),
            "--vpc-peering-connection-id"
        );
        assert_eq!(ResourceKind::NatGateway.noun(), "NAT gateway");
    }

    #[test]
    fn route_targets_are_modelled_or_not_by_prefix() {
        use super::*;
        assert!(is_modelled_target("i-web") && is_modelled_target("vpce-s3"));
        assert!(is_modelled_target("tgw-1") && !is_modelled_target("eigw-1"));
        assert!(!is_modelled_target("tgw-attach-1") && !is_modelled_target("tgw-rtb-1"));
        assert!(!is_unmodelled_target("tgw-1") && is_unmodelled_target("lgw-1"));
        assert!(is_unmodelled_target(
            "arn:aws:networkmanager::1:core-network/x"
        ));
        assert!(!is_unmodelled_target("igw-1") && !is_unmodelled_target("local"));
        assert_eq!(
            modelled_target_prefixes(),
            "igw-, nat-, pcx-, vpce-, vgw-, eni-, i- or tgw-"
        );
        // The longest prefix names the kind: `tgw-attach-` is not a `tgw-`.
        assert_eq!(
            ResourceKind::of_id("tgw-attach-1"),
            Some(ResourceKind::TransitGatewayAttachment)
        );
        assert_eq!(
            ResourceKind::of_id("tgw-rtb-1"),
            Some(ResourceKind::TransitGatewayRouteTable)
        );
        assert_eq!(
            ResourceKind::of_id("tgw-1"),
            Some(ResourceKind::TransitGateway)
        );
        assert_eq!(nat_eni_id("nat-1"), "eni-nat-1");
        assert_eq!(endpoint_eni_id("vpce-logs", 2), "eni-logs-2");
        assert_eq!(fallback_prefix_list_id("com.x.s3"), "pl-com-x-s3");
    }
}
