//! Site-to-Site VPN connections on a virtual private gateway (R28, R27) and route priority in
//! tables that carry propagated routes (R2, R5), as scenario tests.
//!
//! Topology of `estate`: VPC A (10.0.0.0/16) with subnets 10.0.1.0/24 (i-a) and 10.0.2.0/24
//! (i-a2); virtual private gateway vgw-a attached to A, with the corporate network
//! 192.168.0.0/16 routed to it from A's table; one VPN connection vpn-1 on vgw-a whose shape
//! each test sets. The groups admit everything from 10.0.0.0/8 and 192.168.0.0/16.

mod common;
use common::*;
use serde_json::{json, Value};
use vpc_playground::explain::event::Assumption;
use vpc_playground::explain::{Reason, VpnDown};
use vpc_playground::forward::{Component, Outcome};
use vpc_playground::load::from_doc;
use vpc_playground::{trace, FlowSpec};

fn estate(vpn: Value) -> Value {
    json!({
        "vpcs": [{"id": "vpc-a", "cidr": "10.0.0.0/16"}],
        "subnets": [
            {"id": "subnet-a", "vpc": "vpc-a", "cidr": "10.0.1.0/24"},
            {"id": "subnet-a2", "vpc": "vpc-a", "cidr": "10.0.2.0/24"}
        ],
        "route_tables": [{"id": "rtb-a", "vpc": "vpc-a", "main": true,
            "routes": [{"destination": "192.168.0.0/16", "target": "vgw-a"}]}],
        "vpn_gateways": [{"id": "vgw-a", "vpc": "vpc-a"}],
        "vpn_connections": [vpn],
        "security_groups": [{"id": "sg-a", "vpc": "vpc-a", "ingress": [
            {"protocol": "all", "cidr": "10.0.0.0/8"},
            {"protocol": "all", "cidr": "192.168.0.0/16"}
        ]}],
        "instances": [
            {"id": "i-a", "subnet": "subnet-a", "private_ip": "10.0.1.10", "security_groups": ["sg-a"]},
            {"id": "i-a2", "subnet": "subnet-a2", "private_ip": "10.0.2.10", "security_groups": ["sg-a"]}
        ]
    })
}

fn static_vpn(routes: Value) -> Value {
    json!({"id": "vpn-1", "vgw": "vgw-a", "routing": "static", "routes": routes,
           "tunnels": ["up", "down"],
           "customer_gateway": "cgw-1", "customer_gateway_ip": "198.51.100.1", "bgp_asn": "65000"})
}

/// The detail of the trace's hop at `component` on the request leg.
fn detail<'t>(t: &'t vpc_playground::Trace, component: &str) -> &'t str {
    t.hops
        .iter()
        .find(|h| h.component == component)
        .map(|h| h.detail.as_str())
        .unwrap_or_else(|| panic!("no hop at {component}: {:?}", t.path))
}

// ---- R28: what the gateway knows ------------------------------------------------------------

// "Only IP prefixes that are known to the virtual private gateway, whether through BGP
// advertisements or static route entry, can receive traffic from your VPC."
// https://docs.aws.amazon.com/vpn/latest/s2svpn/vpn-route-priority.html
#[test]
fn vpn_static_route_carries_its_prefix_over_the_connection() {
    let d = estate(static_vpn(json!(["192.168.10.0/24"])));
    let t = run(&d, "i-a", "192.168.10.5", 22);
    assert_reachable(&t);
    assert_eq!(
        path(&t),
        "eni-a > sg-a > acl-a-default > rtb-a > vgw-a > acl-a-default > sg-a > eni-a"
    );
    let vgw = detail(&t, "vgw-a");
    assert!(
        vgw.contains("VPN connection vpn-1 (static route 192.168.10.0/24)"),
        "{vgw}"
    );
    assert!(!t.explanation.contains("Assumed"), "{}", t.explanation);
}

// Same page, and "Add a static route to a VPN connection": CreateVpnConnectionRoute,
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpnConnectionRoute.html
#[test]
fn destination_outside_the_vpn_routes_is_dropped_at_the_gateway_with_the_route_to_add() {
    let mut d = estate(static_vpn(json!(["192.168.10.0/24"])));
    let t = run(&d, "i-a", "192.168.20.5", 22);
    assert_blocked(&t, "vgw-a", "NO_ROUTE_TO_DESTINATION");
    let drop = t.drop().expect("a drop");
    assert_eq!(drop.component, Component::VpnGateway);
    match &drop.reason {
        Reason::VgwNoRoute {
            vgw,
            dst,
            connections,
        } => {
            assert_eq!(vgw, "vgw-a");
            assert_eq!(dst.to_string(), "192.168.20.5");
            assert_eq!(connections.len(), 1);
            assert_eq!(connections[0].vpn, "vpn-1");
            assert_eq!(connections[0].routes, vec!["192.168.10.0/24".to_string()]);
        }
        other => panic!("{other:?}"),
    }
    assert!(
        t.explanation
            .contains("vpn-1 has the static routes 192.168.10.0/24"),
        "{}",
        t.explanation
    );
    let fix = drop.fix.as_ref().expect("a fix");
    assert_eq!(
        fix.cli,
        "aws ec2 create-vpn-connection-route --vpn-connection-id vpn-1 --destination-cidr-block 192.168.20.5/32"
    );
    // With the corporate network known, the fix adds it whole; applied, the flow goes through.
    d["vpn_gateways"][0]["onprem_cidrs"] = json!(["192.168.0.0/16"]);
    let t = run(&d, "i-a", "192.168.20.5", 22);
    let fix = t.drop().and_then(|x| x.fix.clone()).expect("a fix");
    assert_eq!(
        fix.summary,
        "Add the static route 192.168.0.0/16 to VPN connection vpn-1"
    );
    let mut doc = loaded(&d).doc;
    vpc_playground::edit::apply(&mut doc, &fix.edit).expect("the fix applies");
    let l = from_doc(doc).expect("the fixed scenario loads");
    let t = trace(
        &l,
        &FlowSpec {
            from: "i-a".into(),
            to: "192.168.20.5".into(),
            ..flow()
        },
    )
    .unwrap();
    assert_reachable(&t);
}

fn flow() -> FlowSpec {
    FlowSpec {
        from: String::new(),
        to: String::new(),
        protocol: vpc_playground::model::Protocol::Tcp,
        port: 22,
    }
}

// "When you use a BGP device, you don't need to specify static routes to the Site-to-Site VPN
// connection because the device uses BGP to advertise its routes to the virtual private
// gateway." https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html: the prefixes
// are not in describe-vpn-connections, so the trace must say it assumes one (R28).
#[test]
fn bgp_connection_carries_the_flow_as_a_stated_assumption() {
    let d = estate(json!({"id": "vpn-1", "vgw": "vgw-a", "routing": "bgp"}));
    let t = run(&d, "i-a", "192.168.20.5", 22);
    assert_reachable(&t);
    let hop = t
        .hops
        .iter()
        .find(|h| h.component == "vgw-a" && h.assumption.is_some())
        .expect("an assumption");
    assert_eq!(
        hop.assumption,
        Some(Assumption::BgpAdvertised {
            vgw: "vgw-a".into(),
            vpn: "vpn-1".into(),
            addr: "192.168.20.5".parse().unwrap()
        })
    );
    assert!(hop.detail.contains("BGP, prefix assumed"), "{}", hop.detail);
    assert!(
        t.explanation
            .contains("Assumed: VPN connection vpn-1 of vgw-a uses BGP"),
        "{}",
        t.explanation
    );
    let json = serde_json::to_value(&t).unwrap();
    let kinds: Vec<&Value> = json["hops"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h.get("assumption"))
        .collect();
    assert_eq!(kinds[0]["kind"], "bgp-advertised");
}

// Tunnel status comes from VgwTelemetry (UP | DOWN),
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VgwTelemetry.html; with every
// tunnel down the connection carries nothing: Reachability Analyzer's BAD_STATE_VPN,
// https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html
#[test]
fn tunnels_all_down_make_the_vpn_route_unusable() {
    let mut vpn = static_vpn(json!(["192.168.10.0/24"]));
    vpn["tunnels"] = json!(["down", "DOWN"]);
    let d = estate(vpn);
    let t = run(&d, "i-a", "192.168.10.5", 22);
    assert_blocked(&t, "vgw-a", "BAD_STATE_VPN");
    match &t.drop().unwrap().reason {
        Reason::VpnUnusable {
            vpn, route, why, ..
        } => {
            assert_eq!(vpn, "vpn-1");
            assert_eq!(route.as_deref(), Some("192.168.10.0/24"));
            assert_eq!(*why, VpnDown::TunnelsDown { tunnels: 2 });
        }
        other => panic!("{other:?}"),
    }
    assert!(
        t.explanation
            .contains("is DOWN, so the route cannot be used"),
        "{}",
        t.explanation
    );
    // One tunnel up is enough.
    let d = estate(static_vpn(json!(["192.168.10.0/24"])));
    assert_reachable(&run(&d, "i-a", "192.168.10.5", 22));
}

// R27: a connection that is not `available` (pending, deleting, deleted) carries nothing;
// states from https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpnConnection.html
#[test]
fn a_deleted_vpn_connection_forwards_nothing_and_says_its_state() {
    let mut vpn = static_vpn(json!(["192.168.10.0/24"]));
    vpn["state"] = json!("deleted");
    let t = run(&estate(vpn), "i-a", "192.168.10.5", 22);
    assert_blocked(&t, "vgw-a", "BAD_STATE_VPN");
    assert!(
        matches!(&t.drop().unwrap().reason, Reason::VpnUnusable { why: VpnDown::State { state }, .. } if state == "deleted")
    );
    assert!(t.explanation.contains("it is deleted"), "{}", t.explanation);
}

// The gateway selects a path by longest prefix first
// (https://docs.aws.amazon.com/vpn/latest/s2svpn/vpn-route-priority.html); on an equal prefix
// "Direct Connect BGP routes, VPN static routes, VPN BGP routes", in that order
// (https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html).
#[test]
fn the_gateway_prefers_the_longest_prefix_then_direct_connect_then_static_then_bgp() {
    let mut d = estate(static_vpn(json!(["192.168.10.0/24", "192.168.10.0/25"])));
    d["vpn_connections"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "vpn-2", "vgw": "vgw-a", "routing": "bgp"}));
    d["vpn_gateways"][0]["type"] = json!("direct-connect");
    d["vpn_gateways"][0]["onprem_cidrs"] = json!(["192.168.10.0/24"]);
    // /25 of the static connection beats the /24 of Direct Connect.
    let vgw = detail(&run(&d, "i-a", "192.168.10.5", 22), "vgw-a").to_string();
    assert!(
        vgw.contains("over VPN connection vpn-1 (static route 192.168.10.0/25)"),
        "{vgw}"
    );
    assert!(vgw.contains("Direct Connect (192.168.10.0/24), VPN connection vpn-1 (static route 192.168.10.0/24), VPN connection vpn-2 (BGP, prefix assumed)"), "{vgw}");
    // On the equal /24, Direct Connect wins over the static route, which wins over BGP.
    let vgw = detail(&run(&d, "i-a", "192.168.10.200", 22), "vgw-a").to_string();
    assert!(
        vgw.contains("over Direct Connect (192.168.10.0/24)"),
        "{vgw}"
    );
    // Outside every known prefix only the BGP connection is left, as an assumption.
    let t = run(&d, "i-a", "192.168.99.1", 22);
    assert_reachable(&t);
    assert!(detail(&t, "vgw-a").contains("over VPN connection vpn-2 (BGP, prefix assumed)"));
}

#[test]
fn a_usable_connection_is_chosen_over_a_more_specific_one_whose_tunnels_are_down() {
    let mut down = static_vpn(json!(["192.168.10.0/24"]));
    down["tunnels"] = json!(["down", "down"]);
    let mut d = estate(down);
    d["vpn_connections"].as_array_mut().unwrap().push(json!(
        {"id": "vpn-2", "vgw": "vgw-a", "routes": ["192.168.0.0/16"], "tunnels": ["up", "up"]}));
    let t = run(&d, "i-a", "192.168.10.5", 22);
    assert_reachable(&t);
    assert!(detail(&t, "vgw-a").contains("over VPN connection vpn-2 (static route 192.168.0.0/16)"));
}

// ---- Flows from on premises ------------------------------------------------------------------

#[test]
fn a_flow_may_start_at_a_corporate_address_of_a_vpn_static_route() {
    let d = estate(static_vpn(json!(["192.168.10.0/24"])));
    let t = run(&d, "192.168.10.7", "i-a", 22);
    assert_reachable(&t);
    assert_eq!(t.hops[0].kind, Component::OnPremises);
    assert!(t.hops[0]
        .detail
        .contains("over VPN connection vpn-1 (static route 192.168.10.0/24) into vgw-a"));
    // Outside the connection's routes the address is nobody's: an error, not a guess.
    let l = loaded(&d);
    let e = trace(
        &l,
        &FlowSpec {
            from: "192.168.20.7".into(),
            to: "i-a".into(),
            ..flow()
        },
    )
    .unwrap_err();
    assert!(e.0.contains("not inside the on-premises networks"), "{e}");
    // The tunnels down, the packet never enters.
    let mut vpn = static_vpn(json!(["192.168.10.0/24"]));
    vpn["tunnels"] = json!(["down", "down"]);
    let t = run(&estate(vpn), "192.168.10.7", "i-a", 22);
    assert_blocked(&t, "vgw-a", "BAD_STATE_VPN");
}

#[test]
fn a_flow_from_behind_a_bgp_connection_is_traced_as_an_assumption() {
    let d = estate(json!({"id": "vpn-1", "vgw": "vgw-a", "routing": "bgp"}));
    let t = run(&d, "172.20.1.1", "i-a", 22);
    assert_blocked(&t, "sg-a", "ENI_SG_RULES_MISMATCH");
    assert!(
        t.explanation.contains("contains 172.20.1.1 (R28)"),
        "{}",
        t.explanation
    );
    // An address inside the VPC is never taken for a corporate one.
    let l = loaded(&d);
    assert!(trace(
        &l,
        &FlowSpec {
            from: "10.0.3.3".into(),
            to: "i-a".into(),
            ..flow()
        }
    )
    .is_err());
}

// ---- R2, R5: route priority in the VPC's table -----------------------------------------------

// "If propagated routes from a Site-to-Site VPN connection or AWS Direct Connect connection
// overlap with the local route for your VPC, the local route is most preferred even if the
// propagated routes are more specific."
// https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html
#[test]
fn a_propagated_route_inside_the_vpc_block_loads_and_loses_to_local() {
    let mut d = estate(static_vpn(json!(["192.168.10.0/24"])));
    d["route_tables"][0]["routes"] = json!([
        {"destination": "192.168.0.0/16", "target": "vgw-a"},
        {"destination": "10.0.1.0/24", "target": "vgw-a", "propagated": true}
    ]);
    let t = run(&d, "i-a2", "i-a", 22);
    assert_reachable(&t);
    let hop = t
        .hops
        .iter()
        .find(|h| h.component == "rtb-a")
        .expect("a route hop");
    let route = hop.route.as_ref().expect("the decision");
    assert_eq!(
        route.matched.as_ref().map(|m| m.target.as_str()),
        Some("local")
    );
    let loser = &route.candidates[1];
    assert_eq!(
        (loser.target.as_str(), loser.outcome),
        ("vgw-a", Outcome::LocalPreferred)
    );
    assert!(
        hop.detail
            .contains("10.0.1.0/24 -> vgw-a (propagated: the local route wins"),
        "{}",
        hop.detail
    );
    // The same route as a static one is still refused (R5: more specific than local must be a
    // whole subnet to a NAT gateway or interface).
    d["route_tables"][0]["routes"][1]["propagated"] = json!(false);
    let errors = load_errors(&d);
    assert!(
        errors.iter().any(|e| e.message.contains("(R5)")),
        "{errors:?}"
    );
}

// "If the route table has ... propagated routes ... with the same destination CIDR block as
// other existing static routes ..., we prioritize the static routes."
// https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html
#[test]
fn a_static_route_beats_a_propagated_one_with_the_same_prefix() {
    let mut d = two_peered();
    d["vpn_gateways"] = json!([{"id": "vgw-a", "vpc": "vpc-a"}]);
    d["vpn_connections"] = json!([{"id": "vpn-1", "vgw": "vgw-a", "routes": ["172.31.0.0/16"]}]);
    d["route_tables"][0]["routes"] = json!([
        {"destination": "172.31.0.0/16", "target": "vgw-a", "propagated": true},
        {"destination": "172.31.0.0/16", "target": "pcx-ab"}
    ]);
    let t = run(&d, "i-a", "i-b", 5432);
    assert_reachable(&t);
    assert!(
        path(&t).starts_with("eni-a > sg-a > acl-a-default > rtb-a > pcx-ab"),
        "{}",
        path(&t)
    );
    let hop = t
        .hops
        .iter()
        .find(|h| h.component == "rtb-a")
        .expect("a route hop");
    let route = hop.route.as_ref().expect("the decision");
    assert_eq!(route.candidates[1].target, "vgw-a");
    assert_eq!(route.candidates[1].outcome, Outcome::LowerPriority);
    assert!(
        hop.detail
            .contains("172.31.0.0/16 -> vgw-a (same prefix, lower priority)"),
        "{}",
        hop.detail
    );
}

// ---- The scenario format ---------------------------------------------------------------------

#[test]
fn bad_vpn_connections_are_refused_with_the_field_named() {
    let d = estate(json!({"id": "vpn-1", "vgw": "vgw-zz", "routes": ["192.168.10.1/24"]}));
    let e = load_errors(&d);
    assert!(
        e.iter()
            .any(|e| e.resource == "vpn-1" && e.field == "vgw" && e.message.contains("vgw-zz")),
        "{e:?}"
    );
    let d = estate(json!({"id": "vpn-1", "vgw": "vgw-a", "routing": "ospf",
                          "routes": ["192.168.10.1/24"], "tunnels": ["sideways"]}));
    let e = load_errors(&d);
    assert!(
        e.iter()
            .any(|e| e.field == "routing" && e.message.contains("\"static\" or \"bgp\"")),
        "{e:?}"
    );
    let d = estate(
        json!({"id": "vpn-1", "vgw": "vgw-a", "routes": ["192.168.10.1/24"], "tunnels": ["sideways"]}),
    );
    let e = load_errors(&d);
    assert!(
        e.iter()
            .any(|e| e.field == "routes[0]" && e.message.contains("host bits")),
        "{e:?}"
    );
    assert!(
        e.iter()
            .any(|e| e.field == "tunnels[0]" && e.message.contains("\"up\" or \"down\"")),
        "{e:?}"
    );
}

// ---- AWS input ------------------------------------------------------------------------------

/// describe-vpn-connections and describe-customer-gateways as the CLI prints them (the shapes of
/// the Batfish snapshots in shared/aws-snapshots), with a VPC, a subnet and a gateway.
fn aws_files(vpn: Value) -> Vec<(&'static str, String)> {
    vec![
        ("Vpcs.json", json!({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "State": "available"}]}).to_string()),
        ("Subnets.json", json!({"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "us-east-2a"}]}).to_string()),
        ("RouteTables.json", json!({"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1",
            "Associations": [{"Main": true, "RouteTableId": "rtb-1"}],
            "Routes": [
                {"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active"},
                {"DestinationCidrBlock": "10.0.1.0/24", "GatewayId": "vgw-1", "Origin": "EnableVgwRoutePropagation", "State": "active"},
                {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "vgw-1", "Origin": "CreateRoute", "State": "active"}]}]}).to_string()),
        ("VpnGateways.json", json!({"VpnGateways": [{"VpnGatewayId": "vgw-1", "State": "available", "Type": "ipsec.1",
            "VpcAttachments": [{"State": "attached", "VpcId": "vpc-1"}]}]}).to_string()),
        ("VpnConnections.json", json!({"VpnConnections": vpn}).to_string()),
        ("CustomerGateways.json", json!({"CustomerGateways": [{"BgpAsn": "65000", "CustomerGatewayId": "cgw-1",
            "IpAddress": "1.1.1.1", "State": "available", "Type": "ipsec.1"}]}).to_string()),
    ]
}

fn load_aws(files: &[(&'static str, String)]) -> vpc_playground::Loaded {
    let inputs: Vec<vpc_playground::InputFile> = files
        .iter()
        .map(|(name, text)| vpc_playground::InputFile { name, text })
        .collect();
    vpc_playground::load(&inputs).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn aws_vpn_connections_are_read_with_routes_routing_tunnels_and_customer_gateway() {
    let l = load_aws(&aws_files(json!([
        {"Category": "VPN", "CustomerGatewayConfiguration": "<?xml version=\"1.0\"?><vpn_connection/>",
         "CustomerGatewayId": "cgw-1", "Options": {"StaticRoutesOnly": true},
         "Routes": [{"DestinationCidrBlock": "192.168.0.0/16", "State": "available"},
                    {"DestinationCidrBlock": "172.16.0.0/16", "State": "deleted"}],
         "State": "available", "Tags": [{"Key": "Name", "Value": "office"}], "Type": "ipsec.1",
         "VgwTelemetry": [
            {"AcceptedRouteCount": 1, "OutsideIpAddress": "3.13.210.90", "Status": "DOWN", "StatusMessage": ""},
            {"AcceptedRouteCount": 1, "OutsideIpAddress": "18.221.157.90", "Status": "UP", "StatusMessage": ""}],
         "VpnConnectionId": "vpn-1", "VpnGatewayId": "vgw-1"},
        {"VpnConnectionId": "vpn-2", "State": "available", "TransitGatewayId": "tgw-1", "CustomerGatewayId": "cgw-1",
         "Options": {"StaticRoutesOnly": false}, "Routes": [], "VgwTelemetry": []},
        {"VpnConnectionId": "vpn-3", "State": "deleted", "VpnGatewayId": "vgw-gone", "CustomerGatewayId": "cgw-1"}
    ])));
    let v = &l.doc.vpn_connections;
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(v[0].name, "office");
    assert_eq!(v[0].routing.as_deref(), Some("static"));
    assert_eq!(v[0].routes, vec!["192.168.0.0/16".to_string()]);
    assert_eq!(v[0].tunnels, vec!["down".to_string(), "up".to_string()]);
    assert_eq!(v[0].customer_gateway.as_deref(), Some("cgw-1"));
    assert_eq!(v[0].customer_gateway_ip.as_deref(), Some("1.1.1.1"));
    assert_eq!(v[0].bgp_asn.as_deref(), Some("65000"));
    let notes: Vec<String> = l
        .diagnostics
        .iter()
        .map(|d| format!("{} {}: {}", d.resource, d.field, d.message))
        .collect();
    let has = |s: &str| notes.iter().any(|n| n.contains(s));
    assert!(
        has("vpn-1 Routes[1].State: the static route 172.16.0.0/16 is deleted"),
        "{notes:?}"
    );
    assert!(
        // Its transit gateway's attachment is not in these files.
        has("vpn-2 TransitGatewayId: the connection (available) is on transit gateway tgw-1, whose attachment for it is not in the input"),
        "{notes:?}"
    );
    assert!(
        has("vpn-3 VpnGatewayId: virtual private gateway vgw-gone is not in the input"),
        "{notes:?}"
    );
    // The propagated route inside the VPC block loads (R5) and the on-prem address works.
    assert!(!has("10.0.1.0/24"), "{notes:?}");
    let t = trace(
        &l,
        &FlowSpec {
            from: "192.168.3.3".into(),
            to: "10.0.1.9".into(),
            ..flow()
        },
    )
    .unwrap();
    assert_eq!(t.hops[0].kind, Component::OnPremises);
    assert!(
        t.hops[0]
            .detail
            .contains("vpn-1 (static route 192.168.0.0/16)"),
        "{}",
        t.hops[0].detail
    );
}

#[test]
fn an_aws_connection_without_static_routes_only_is_bgp() {
    let l = load_aws(&aws_files(json!([
        {"VpnConnectionId": "vpn-1", "State": "available", "VpnGatewayId": "vgw-1", "CustomerGatewayId": "cgw-1",
         "VgwTelemetry": [{"Status": "UP"}]}
    ])));
    assert_eq!(l.doc.vpn_connections[0].routing.as_deref(), Some("bgp"));
    assert_eq!(l.doc.vpn_connections[0].tunnels, vec!["up".to_string()]);
    // Fields of the wrong shape are named, never guessed silently.
    let l = load_aws(&aws_files(json!([
        {"VpnConnectionId": "vpn-1", "State": "available", "VpnGatewayId": "vgw-1",
         "Options": {"StaticRoutesOnly": "yes"}, "VgwTelemetry": [{"Status": "SIDEWAYS"}, {"Status": 1}]}
    ])));
    let notes: Vec<String> = l
        .diagnostics
        .iter()
        .map(|d| format!("{} {}: {}", d.resource, d.field, d.message))
        .collect();
    let has = |s: &str| notes.iter().any(|n| n.contains(s));
    assert!(
        has("vpn-1 Options.StaticRoutesOnly: not true or false"),
        "{notes:?}"
    );
    assert!(
        has("vpn-1 VgwTelemetry[0].Status: \"SIDEWAYS\" is not a tunnel status"),
        "{notes:?}"
    );
    assert!(
        has("vpn-1 VgwTelemetry[1].Status: \"(not text)\" is not a tunnel status"),
        "{notes:?}"
    );
    assert!(l.doc.vpn_connections[0].tunnels.is_empty());
}
