//! R23: a gateway route table (an edge association) routes traffic entering through an
//! internet gateway, typically to an inspection appliance first.
//!
//! AWS VPC user guide, "Gateway route tables": "You can associate a route table with an
//! internet gateway or a virtual private gateway. ... When a route table is associated with a
//! gateway, it's referred to as a gateway route table"; its routes may target the VPC's local
//! route, a network interface or a Gateway Load Balancer endpoint, and their destinations must
//! be the VPC's CIDR block or a subnet's whole CIDR block.
//! https://docs.aws.amazon.com/vpc/latest/userguide/gateway-route-tables.html
//! and "Middlebox routing wizard / routing for a middlebox appliance":
//! https://docs.aws.amazon.com/vpc/latest/userguide/route-table-options.html

mod common;

use common::*;
use serde_json::{json, Value};
use vpc_playground::explain::Reason;
use vpc_playground::forward::Leg;

/// A web server behind an inspection appliance: the gateway route table sends traffic for the
/// web subnet to the appliance; the web subnet sends its replies back through it.
fn inspected() -> Value {
    json!({
        "vpcs": [{"id": "vpc-a", "cidr": "10.0.0.0/16"}],
        "subnets": [
            {"id": "subnet-fw", "vpc": "vpc-a", "cidr": "10.0.0.0/24"},
            {"id": "subnet-web", "vpc": "vpc-a", "cidr": "10.0.1.0/24"}
        ],
        "internet_gateways": [{"id": "igw-a", "vpc": "vpc-a"}],
        "route_tables": [
            {"id": "rtb-edge", "vpc": "vpc-a", "gateways": ["igw-a"],
             "routes": [{"destination": "10.0.1.0/24", "target": "eni-fw"}]},
            {"id": "rtb-fw", "vpc": "vpc-a", "subnets": ["subnet-fw"],
             "routes": [{"destination": "0.0.0.0/0", "target": "igw-a"}]},
            {"id": "rtb-web", "vpc": "vpc-a", "subnets": ["subnet-web"],
             "routes": [{"destination": "0.0.0.0/0", "target": "eni-fw"}]}
        ],
        "security_groups": [
            {"id": "sg-fw", "vpc": "vpc-a", "ingress": [{"protocol": "all", "cidr": "0.0.0.0/0"}]},
            {"id": "sg-web", "vpc": "vpc-a", "ingress": [{"protocol": "tcp", "ports": 443, "cidr": "0.0.0.0/0"}]}
        ],
        "network_interfaces": [
            {"id": "eni-fw", "subnet": "subnet-fw", "private_ip": "10.0.0.50",
             "security_groups": ["sg-fw"], "source_dest_check": false}
        ],
        "instances": [
            {"id": "i-web", "subnet": "subnet-web", "private_ip": "10.0.1.10",
             "public_ip": "198.51.100.7", "security_groups": ["sg-web"]}
        ]
    })
}

#[test]
fn traffic_entering_through_the_gateway_passes_the_appliance_both_ways() {
    let t = run(&inspected(), "203.0.113.9", "i-web", 443);
    assert_reachable(&t);
    assert_eq!(
        forward_path(&t),
        "igw-a > rtb-edge > acl-a-default > sg-fw > eni-fw > sg-fw > acl-a-default > rtb-fw > acl-a-default > sg-web > eni-web"
    );
    // The gateway route table's hop shows the route it chose.
    let edge = t.hops.iter().find(|h| h.component == "rtb-edge").unwrap();
    let route = edge.route.as_ref().expect("the route decision");
    assert_eq!(route.matched.as_ref().unwrap().destination, "10.0.1.0/24");
    // The reply goes back through the appliance, then out of the gateway.
    let back: Vec<&str> = t
        .hops
        .iter()
        .filter(|h| h.leg == Leg::Return)
        .map(|h| h.component.as_str())
        .collect();
    let fw = back
        .iter()
        .position(|c| *c == "eni-fw")
        .expect("reply via eni-fw");
    let igw = back
        .iter()
        .position(|c| *c == "igw-a")
        .expect("reply via igw-a");
    assert!(fw < igw, "{back:?}");
    assert!(!t.explanation.contains("asymmetric"), "{}", t.explanation);
}

#[test]
fn without_the_gateway_route_table_traffic_goes_straight_to_the_server() {
    let mut d = inspected();
    d["route_tables"][0]["gateways"] = json!([]);
    let t = run(&d, "203.0.113.9", "i-web", 443);
    assert_reachable(&t);
    assert!(!forward_path(&t).contains("eni-fw"), "{}", forward_path(&t));
}

#[test]
fn a_reply_that_bypasses_the_appliance_is_flagged_as_asymmetric() {
    let mut d = inspected();
    d["route_tables"][2]["routes"] = json!([{"destination": "0.0.0.0/0", "target": "igw-a"}]);
    let t = run(&d, "203.0.113.9", "i-web", 443);
    // AWS forwards both directions; a stateful appliance would see only the request.
    assert_reachable(&t);
    assert!(
        t.explanation
            .contains("the request passes appliance eni-fw but the reply does not"),
        "{}",
        t.explanation
    );
}

#[test]
fn an_appliance_with_the_source_destination_check_on_drops_what_it_is_sent() {
    let mut d = inspected();
    d["network_interfaces"][0]["source_dest_check"] = json!(true);
    let t = run(&d, "203.0.113.9", "i-web", 443);
    // R24: the packet is addressed to 10.0.1.10, not to the appliance.
    assert_blocked(&t, "eni-fw", "ENI_SOURCE_DEST_CHECK_RESTRICTION");
    assert!(
        matches!(t.reason(), Some(Reason::SourceDestCheck { interface }) if interface == "eni-fw")
    );
    assert_eq!(
        t.fix().unwrap().cli,
        "aws ec2 modify-network-interface-attribute --network-interface-id eni-fw --no-source-dest-check"
    );
}

#[test]
fn a_gateway_route_table_may_route_only_the_vpc_or_whole_subnets_to_local_or_an_interface() {
    let mut d = inspected();
    d["route_tables"][0]["routes"] = json!([{"destination": "0.0.0.0/0", "target": "igw-a"}]);
    let errors = load_errors(&d);
    assert!(
        errors
            .iter()
            .any(|e| e.resource == "rtb-edge" && e.message.contains("R23")),
        "{errors:#?}"
    );
    let mut d = inspected();
    d["route_tables"][0]["gateways"] = json!(["igw-nope"]);
    let errors = load_errors(&d);
    assert!(
        errors
            .iter()
            .any(|e| e.resource == "rtb-edge" && e.field == "gateways[0]"),
        "{errors:#?}"
    );
}

/// The same guide: a gateway route table can be associated with a virtual private gateway, so
/// traffic from the corporate network passes an appliance before it reaches the subnet.
#[test]
fn traffic_from_the_corporate_network_passes_the_appliance_of_the_vpn_gateway_table() {
    let mut d = inspected();
    d["vpn_gateways"] =
        json!([{"id": "vgw-a", "vpc": "vpc-a", "onprem_cidrs": ["192.168.0.0/16"]}]);
    d["route_tables"][0]["gateways"] = json!(["vgw-a"]);
    d["route_tables"][1]["routes"] = json!([{"destination": "192.168.0.0/16", "target": "vgw-a"}]);
    d["route_tables"][2]["routes"] = json!([{"destination": "192.168.0.0/16", "target": "eni-fw"}]);
    let t = run(&d, "192.168.1.10", "i-web", 443);
    assert_reachable(&t);
    let path = forward_path(&t);
    assert!(path.starts_with("vgw-a > rtb-edge > "), "{path}");
    assert!(path.contains("eni-fw"), "{path}");
    assert!(!t.explanation.contains("asymmetric"), "{}", t.explanation);
}
