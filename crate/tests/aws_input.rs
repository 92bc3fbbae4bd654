//! Real `aws ec2 describe-*` output, end to end: converted to a scenario, loaded, traced.
//!
//! The estate (`tests/data/shop-estate.json`, a copy of `shared/samples/shop-estate.json`):
//! VPC shop-web 10.20.0.0/16 has a public subnet (internet gateway, NAT gateway) and an app
//! subnet (0.0.0.0/0 -> NAT, 10.30.0.0/16 -> peering, S3 prefix list -> gateway endpoint).
//! VPC shop-db 10.30.0.0/16 is peered with it, and its route table has no route back.
//!
//! `tests/data/mixed-estate.json` is one VPC (eu-west-1, a secondary CIDR) with an instance that
//! has two interfaces (listed by describe-instances and describe-network-interfaces), a proxy
//! instance as the default route, an interface endpoint, a Lambda interface, a VPN gateway
//! whose networks are only known from a propagated route, a peer VPC in another account, a
//! terminated instance, a transit gateway route and IPv6 routes and rules.

use vpc_playground::explain::{BlackholeWhy, Code, Reason};
use vpc_playground::load::aws::{convert, read_file};
use vpc_playground::load::{load, Format, InputFile};
use vpc_playground::model::{Destination, Protocol, Target};
use vpc_playground::validate::{Diagnostics, Severity};
use vpc_playground::{trace, FlowSpec};

const SHOP: &str = include_str!("data/shop-estate.json");
const FILE: &str = "shop-estate.json";

const APP_1: &str = "i-00b88aa6ed9d69bd6";
const DB_1: &str = "i-024998702bbed18fc";

fn flow(from: &str, to: &str, port: u16) -> FlowSpec {
    FlowSpec {
        from: from.into(),
        to: to.into(),
        protocol: Protocol::Tcp,
        port,
    }
}

// --- Conversion -------------------------------------------------------------------------------

#[test]
fn shop_estate_converts_to_a_scenario_without_diagnostics() {
    let value = read_file(FILE, SHOP)
        .expect("the sample reads")
        .expect("the sample is AWS output");
    let mut diags = Diagnostics::default();
    let doc = convert(&[(FILE, value)], &mut diags);
    assert!(diags.0.is_empty(), "{:#?}", diags.0);
    assert_eq!(doc.vpcs.len(), 2);
    assert_eq!(doc.subnets.len(), 3);
    assert_eq!(doc.route_tables.len(), 5);
    assert_eq!(doc.security_groups.len(), 4);
    let instances: Vec<_> = doc.instances.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(instances, [APP_1, DB_1]);
    // The NAT gateway's interface belongs to the NAT gateway, not to the list of interfaces.
    assert!(doc.network_interfaces.is_empty());
}

#[test]
fn converting_the_same_output_twice_gives_one_estate() {
    let value = read_file(FILE, SHOP)
        .expect("the sample reads")
        .expect("the sample is AWS output");
    let mut diags = Diagnostics::default();
    let once = convert(&[(FILE, value.clone())], &mut diags);
    let twice = convert(&[(FILE, value.clone()), ("again.json", value)], &mut diags);
    assert!(diags.0.is_empty(), "{:#?}", diags.0);
    assert_eq!(once.vpcs, twice.vpcs);
    assert_eq!(once.instances, twice.instances);
    assert_eq!(once.route_tables, twice.route_tables);
}

// --- Loading ----------------------------------------------------------------------------------

#[test]
fn shop_estate_loads_as_aws_input_with_routes_resolved() {
    let loaded = load(&[InputFile {
        name: FILE,
        text: SHOP,
    }])
    .expect("loads");
    assert_eq!(loaded.format, Format::Aws);
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let net = &loaded.net;
    let app = net
        .route_tables
        .iter()
        .find(|t| t.id == "rtb-0f2c3b7d8f348ad7d")
        .expect("app table");
    let targets: Vec<_> = app
        .routes
        .iter()
        .map(|r| net.target_id(&r.target))
        .collect();
    assert!(
        targets.contains(&"nat-053db60b6f542c8cd".to_string()),
        "{targets:?}"
    );
    assert!(
        targets.contains(&"pcx-09ca300ea7d4783e4".to_string()),
        "{targets:?}"
    );
    // The gateway endpoint's route is there once, to the S3 prefix list of the input.
    let to_s3: Vec<_> = app
        .routes
        .iter()
        .filter(|r| matches!(r.target, Target::GatewayEndpoint(_)))
        .collect();
    assert_eq!(to_s3.len(), 1);
    assert_eq!(
        match &to_s3[0].destination {
            Destination::PrefixList(p) => net.prefix_lists[p.i()].id.as_str(),
            Destination::Cidr(_) => "a CIDR",
        },
        "pl-63a5400a"
    );
    assert!(net.vpcs.iter().all(|v| v.region == "us-east-1"));
}

// --- Traces (the outcomes shared/samples/README.md gives for this estate) -------------------

#[test]
fn app_to_db_arrives_but_the_reply_has_no_route_back() {
    let loaded = load(&[InputFile {
        name: FILE,
        text: SHOP,
    }])
    .expect("loads");
    let t = trace(&loaded, &flow(APP_1, DB_1, 5432)).expect("traces");
    assert!(!t.reachable());
    assert_eq!(t.blocked_at(), Some("rtb-0f11236929bd0b65a"));
    assert_eq!(t.explanation_code(), Some(Code::NoRouteToDestination));
}

#[test]
fn app_to_s3_goes_through_the_gateway_endpoint_not_the_nat_gateway() {
    let loaded = load(&[InputFile {
        name: FILE,
        text: SHOP,
    }])
    .expect("loads");
    let t = trace(&loaded, &flow(APP_1, "com.amazonaws.us-east-1.s3", 443)).expect("traces");
    assert!(t.reachable(), "{}", t.explanation);
    assert!(
        t.path.iter().any(|p| p == "vpce-0fa92a9d6ae220f1a"),
        "{:?}",
        t.path
    );
    assert!(
        !t.path.iter().any(|p| p == "nat-053db60b6f542c8cd"),
        "{:?}",
        t.path
    );
}

#[test]
fn app_to_the_internet_goes_through_the_nat_gateway_then_the_internet_gateway() {
    let loaded = load(&[InputFile {
        name: FILE,
        text: SHOP,
    }])
    .expect("loads");
    let t = trace(&loaded, &flow(APP_1, "198.51.100.10", 443)).expect("traces");
    assert!(t.reachable(), "{}", t.explanation);
    let nat = t.path.iter().position(|p| p == "nat-053db60b6f542c8cd");
    let igw = t.path.iter().position(|p| p == "igw-0a15e4560d122bbc7");
    assert!(
        matches!((nat, igw), (Some(n), Some(i)) if n < i),
        "{:?}",
        t.path
    );
}

#[test]
fn db_cannot_borrow_the_peers_nat_gateway() {
    let loaded = load(&[InputFile {
        name: FILE,
        text: SHOP,
    }])
    .expect("loads");
    let t = trace(&loaded, &flow(DB_1, "198.51.100.10", 443)).expect("traces");
    assert!(!t.reachable());
    assert_eq!(t.blocked_at(), Some("rtb-0f11236929bd0b65a"));
}

// --- A wider estate: several interfaces, an interface endpoint, a VPN, unsupported features ---

const MIXED: &str = include_str!("data/mixed-estate.json");

fn mixed() -> vpc_playground::Loaded {
    load(&[InputFile {
        name: "mixed-estate.json",
        text: MIXED,
    }])
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn mixed_estate_loads_and_reports_what_it_does_not_model() {
    let loaded = mixed();
    let has = |severity: Severity, resource: &str, field: &str| {
        loaded
            .diagnostics
            .iter()
            .any(|d| d.severity == severity && d.resource == resource && d.field == field)
    };
    assert!(!loaded
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error));
    // Transit gateways are modelled (issue 10); this one is not in the files, so its route
    // is blackhole with a warning (R4).
    assert!(has(Severity::Warning, "rtb-0a1", "routes[1].target"));
    assert!(
        has(Severity::Unsupported, "rtb-0a1", "Routes"),
        "the IPv6 route"
    );
    assert!(
        has(Severity::Unsupported, "sg-0a1", ""),
        "the IPv6 egress range"
    );
    assert!(
        has(Severity::Unsupported, "acl-0a1", "Entries"),
        "the IPv6 ACL entry"
    );
    assert!(
        has(Severity::Warning, "vpc-0f9", ""),
        "the peer VPC made from the connection"
    );
    assert!(
        has(Severity::Warning, "i-0a3", "State.Name"),
        "the terminated instance"
    );
}

#[test]
fn mixed_estate_keeps_every_interface_once_with_its_owner() {
    let loaded = mixed();
    let net = &loaded.net;
    let vpc = &net.vpcs[0];
    assert_eq!(vpc.cidrs.len(), 2, "the disassociated block is left out");
    assert_eq!(vpc.region, "eu-west-1");
    let app = net
        .instances
        .iter()
        .find(|i| i.id == "i-0a1")
        .expect("app-1");
    let enis: Vec<_> = app
        .enis
        .iter()
        .map(|e| net.enis[e.i()].id.as_str())
        .collect();
    assert_eq!(enis, ["eni-0a1", "eni-0a2"]);
    assert_eq!(net.enis[app.enis[1].i()].secondary_ips.len(), 1);
    let ids: Vec<_> = net.enis.iter().map(|e| e.id.as_str()).collect();
    for id in ["eni-0a1", "eni-0a2", "eni-0a3", "eni-0a7", "eni-0a9"] {
        assert_eq!(
            ids.iter().filter(|x| **x == id).count(),
            1,
            "{id} in {ids:?}"
        );
    }
    let proxy = net
        .instances
        .iter()
        .find(|i| i.id == "i-0a2")
        .expect("proxy");
    assert!(!net.enis[proxy.enis[0].i()].source_dest_check);
    let vgw = &net.vpn_gateways[0];
    assert_eq!(
        vgw.onprem_cidrs.len(),
        1,
        "inferred from the propagated route"
    );
}

#[test]
fn mixed_estate_reaches_the_interface_endpoint_by_address() {
    let loaded = mixed();
    let t = trace(&loaded, &flow("i-0a1", "10.1.2.99", 443)).expect("traces");
    assert!(t.reachable(), "{}", t.explanation);
}

#[test]
fn a_route_to_a_transit_gateway_not_in_the_files_is_noted_once() {
    // Transit gateways are modelled (issue 10): the gateway is not in the files, so the
    // builder keeps the route as blackhole (R4) with one warning, and nothing is unsupported.
    let l = mixed();
    let notes: Vec<_> = l
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("tgw-0a1"))
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0].severity, Severity::Warning);
    assert_eq!(notes[0].field, "routes[1].target");
}

// --- R27: resources in end or passing states ------------------------------------------------

/// A VPC whose default route points at a NAT gateway AWS lists as `deleted`, without the
/// Elastic IP it had (AWS keeps it listed for about an hour), beside a `failed` one.
const STALE_NAT: &str = r#"{
 "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "OwnerId": "111111111111"}],
 "Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24",
              "AvailabilityZone": "us-east-1a"}],
 "NatGateways": [
   {"NatGatewayId": "nat-old", "SubnetId": "subnet-1", "VpcId": "vpc-1", "State": "deleted",
    "DeleteTime": "2026-11-29T08:15:02+00:00",
    "ConnectivityType": "public", "NatGatewayAddresses": []},
   {"NatGatewayId": "nat-bad", "SubnetId": "subnet-1", "VpcId": "vpc-1", "State": "failed",
    "FailureCode": "Gateway.NotAttached",
    "FailureMessage": "Network vpc-1 has no Internet gateway attached",
    "ConnectivityType": "public", "NatGatewayAddresses": []}],
 "RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Associations": [{"Main": true}],
   "Routes": [
    {"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
    {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-old", "State": "blackhole"}]}],
 "Reservations": [{"Instances": [{"InstanceId": "i-1", "SubnetId": "subnet-1", "VpcId": "vpc-1",
   "PrivateIpAddress": "10.0.1.10", "State": {"Name": "running"}}]}]
}"#;

/// R27 [NATTS]: a deleted NAT gateway stays listed for about an hour and a failed one keeps its
/// failure message; neither carries traffic, and neither keeps its Elastic IP.
/// https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-troubleshooting.html and the
/// API's NatGateway (`DeleteTime`, `FailureMessage`):
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NatGateway.html
#[test]
fn deleted_and_failed_nat_gateways_without_an_elastic_ip_load_and_forward_nothing() {
    let l = load(&[InputFile {
        name: "stale.json",
        text: STALE_NAT,
    }])
    .unwrap_or_else(|e| panic!("R27: the estate still loads: {e}"));
    assert_eq!(l.net.nat_gateways.len(), 2);
    assert!(l.net.nat_gateways.iter().all(|n| !n.available));
    let t = trace(&l, &flow("i-1", "8.8.8.8", 443)).expect("traces");
    assert_eq!(t.blocked_at(), Some("nat-old"));
    assert_eq!(t.explanation_code(), Some(Code::BadStateRoute));
    assert!(matches!(
        t.reason(),
        Some(Reason::Blackhole { why: BlackholeWhy::NatUnavailable { state, since, .. }, .. })
            if state == "deleted" && since.as_deref() == Some("2026-11-29T08:15:02+00:00")
    ));
    // R27: since when, as AWS says (describe-nat-gateways `DeleteTime`).
    assert!(
        t.explanation
            .contains("NAT gateway nat-old is deleted since 2026-11-29T08:15:02+00:00"),
        "{}",
        t.explanation
    );
    // A failed gateway's route says why, in AWS's words (`FailureMessage`).
    let text = STALE_NAT.replace(
        "{\"DestinationCidrBlock\": \"0.0.0.0/0\", \"NatGatewayId\": \"nat-old\"",
        "{\"DestinationCidrBlock\": \"0.0.0.0/0\", \"NatGatewayId\": \"nat-bad\"",
    );
    let l = load(&[InputFile {
        name: "stale.json",
        text: &text,
    }])
    .expect("loads");
    let t = trace(&l, &flow("i-1", "8.8.8.8", 443)).expect("traces");
    assert_eq!(t.blocked_at(), Some("nat-bad"));
    assert!(
        t.explanation
            .contains("AWS says: \"Network vpc-1 has no Internet gateway attached\""),
        "{}",
        t.explanation
    );
}

#[test]
fn an_available_public_nat_gateway_without_an_elastic_ip_is_still_an_error() {
    let text = STALE_NAT.replace("\"State\": \"deleted\"", "\"State\": \"available\"");
    let e = load(&[InputFile {
        name: "stale.json",
        text: &text,
    }])
    .expect_err("an available public NAT gateway has an Elastic IP");
    assert!(e.to_string().contains("nat-old"), "{e}");
    assert!(e.to_string().contains("needs an Elastic IP"), "{e}");
}
