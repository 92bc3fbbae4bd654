//! Transit gateways (issue 10): one scenario test per rule, each citing its AWS page. The keys
//! (TVA, TNACL, TRT, ...) are listed with their addresses in `docs/aws-notes.md`, "Transit
//! gateways"; TGW = https://docs.aws.amazon.com/vpc/latest/tgw/.

mod common;
use common::*;
use serde_json::{json, Value};
use vpc_playground::edit::Edit;
use vpc_playground::explain::{Reason, VpnDown};
use vpc_playground::forward::{Component, Leg, Outcome};
use vpc_playground::model::Protocol;

/// Hub and spokes: VPCs A (10.1/16), B (10.2/16) and C (10.3/16), each with an instance
/// subnet and a dedicated attachment subnet in us-east-1a, attached to `tgw-hub`. One route
/// table `tgw-rtb-hub` is associated with every attachment, and every attachment propagates
/// into it [HTW's three-VPC example]. Each VPC routes 10.0.0.0/8 to the gateway. VPC A also
/// has a subnet in us-east-1b (`subnet-a-b`, instance `i-a-b`) that the attachment lacks.
fn hub() -> Value {
    let mut vpcs = Vec::new();
    let mut subnets = Vec::new();
    let mut tables = Vec::new();
    let mut instances = Vec::new();
    let mut groups = Vec::new();
    let mut atts = Vec::new();
    for (v, n) in [("a", 1), ("b", 2), ("c", 3)] {
        vpcs.push(json!({"id": format!("vpc-{v}"), "cidr": format!("10.{n}.0.0/16")}));
        subnets.push(
            json!({"id": format!("subnet-{v}"), "vpc": format!("vpc-{v}"),
                            "cidr": format!("10.{n}.1.0/24"), "az": "us-east-1a"}),
        );
        subnets.push(
            json!({"id": format!("subnet-{v}-tgw"), "vpc": format!("vpc-{v}"),
                            "cidr": format!("10.{n}.0.0/28"), "az": "us-east-1a"}),
        );
        tables.push(
            json!({"id": format!("rtb-{v}"), "vpc": format!("vpc-{v}"), "main": true,
                           "routes": [{"destination": "10.0.0.0/8", "target": "tgw-hub"}]}),
        );
        groups.push(json!({"id": format!("sg-{v}"), "vpc": format!("vpc-{v}"),
                           "ingress": [{"protocol": "tcp", "ports": 443, "cidr": "10.0.0.0/8"}]}));
        instances.push(
            json!({"id": format!("i-{v}"), "subnet": format!("subnet-{v}"),
                              "private_ip": format!("10.{n}.1.10"),
                              "security_groups": [format!("sg-{v}")]}),
        );
        atts.push(
            json!({"id": format!("tgw-attach-{v}"), "vpc": format!("vpc-{v}"),
                         "subnets": [format!("subnet-{v}-tgw")], "route_table": "tgw-rtb-hub"}),
        );
    }
    subnets.push(
        json!({"id": "subnet-a-b", "vpc": "vpc-a", "cidr": "10.1.2.0/24", "az": "us-east-1b"}),
    );
    instances.push(
        json!({"id": "i-a-b", "subnet": "subnet-a-b", "private_ip": "10.1.2.10",
                          "security_groups": ["sg-a"]}),
    );
    json!({
        "vpcs": vpcs, "subnets": subnets, "route_tables": tables,
        "security_groups": groups, "instances": instances,
        "transit_gateways": [{
            "id": "tgw-hub",
            "default_association_route_table": "tgw-rtb-hub",
            "default_propagation_route_table": "tgw-rtb-hub",
            "attachments": atts,
            "route_tables": [{"id": "tgw-rtb-hub",
                              "propagations": ["tgw-attach-a", "tgw-attach-b", "tgw-attach-c"]}]
        }]
    })
}

/// Applies the trace's suggested fix to the scenario `d` and returns the edited scenario.
fn with_fix(d: &Value, t: &vpc_playground::Trace) -> Value {
    let mut doc = loaded(d).doc.clone();
    let fix = t.fix().cloned().expect("a fix");
    vpc_playground::edit::apply(&mut doc, &fix.edit).expect("the fix applies");
    serde_json::to_value(&doc).unwrap()
}

// ---- Transitive routing [HTW] -----------------------------------------------------------

#[test]
fn transit_gateway_routes_between_spokes_hop_by_hop() {
    // [HTW]: each attachment propagates its VPC's CIDR into the table, so each VPC reaches
    // the other two through one hub.
    let d = hub();
    let t = run(&d, "i-a", "i-c", 443);
    assert_reachable(&t);
    // Out of A's subnet (its ACL), A's table, into the gateway by the attachment subnet (whose
    // ACL judges the packet inbound, TNACL), the hub's table, out into C by C's attachment
    // subnet (its ACL outbound), C's table, then C's instance subnet (its ACL inbound).
    assert_eq!(
        forward_path(&t),
        "eni-a > sg-a > acl-a-default > rtb-a > acl-a-default > tgw-attach-a > tgw-rtb-hub > \
         tgw-attach-c > acl-c-default > rtb-c > acl-c-default > sg-c > eni-c"
    );
    // The gateway's table chose the propagated route to C's attachment.
    let hop = t
        .hops
        .iter()
        .find(|h| h.kind == Component::TgwRouteTable && h.leg == Leg::Forward)
        .unwrap();
    let route = hop.route.as_ref().unwrap();
    assert_eq!(route.table, "tgw-rtb-hub");
    let m = route.matched.as_ref().unwrap();
    assert_eq!(
        (m.destination.as_str(), m.target.as_str()),
        ("10.3.0.0/16", "tgw-attach-c")
    );
    // The reply is traced the same way, back through the hub.
    let back: Vec<&str> = t
        .hops
        .iter()
        .filter(|h| h.leg == Leg::Return && h.kind == Component::TgwAttachment)
        .map(|h| h.component.as_str())
        .collect();
    assert_eq!(back, ["tgw-attach-c", "tgw-attach-a"]);
    assert!(t.explanation.contains("tgw-attach-a"), "{}", t.explanation);
}

#[test]
fn transit_gateway_is_transitive_where_peering_is_not() {
    // [PB]: with A-B and B-C peered, A cannot reach C; [HTW]: one gateway joins all three.
    let mut d = hub();
    d.as_object_mut().unwrap().remove("transit_gateways");
    d["peering_connections"] = json!([
        {"id": "pcx-ab", "requester": "vpc-a", "accepter": "vpc-b"},
        {"id": "pcx-bc", "requester": "vpc-b", "accepter": "vpc-c"}
    ]);
    for (i, r) in [
        ("rtb-a", "pcx-ab"),
        ("rtb-b", "pcx-bc"),
        ("rtb-c", "pcx-bc"),
    ]
    .iter()
    .enumerate()
    {
        assert_eq!(d["route_tables"][i]["id"], r.0);
        d["route_tables"][i]["routes"] = json!([{"destination": "10.0.0.0/8", "target": r.1}]);
    }
    let t = run(&d, "i-a", "i-c", 443);
    assert_blocked(&t, "pcx-ab", "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR");
    assert!(
        matches!(
            t.reason(),
            Some(Reason::PeeringNotTransitive { tgw: None, .. })
        ),
        "no gateway in the estate, none named: {:?}",
        t.reason()
    );
    assert_reachable(&run(&hub(), "i-a", "i-c", 443));
    // The same mesh with the gateway still attached to A and C (the tgw-transitive lesson's
    // start): the refusal names the gateway as the transitive way, not a new peering.
    let mut d = hub();
    d["peering_connections"] = json!([
        {"id": "pcx-ab", "requester": "vpc-a", "accepter": "vpc-b"},
        {"id": "pcx-bc", "requester": "vpc-b", "accepter": "vpc-c"}
    ]);
    d["route_tables"][0]["routes"] = json!([{"destination": "10.0.0.0/8", "target": "pcx-ab"}]);
    let t = run(&d, "i-a", "i-c", 443);
    assert_blocked(&t, "pcx-ab", "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR");
    assert!(
        matches!(t.reason(), Some(Reason::PeeringNotTransitive { tgw: Some(g), .. }) if g == "tgw-hub"),
        "{:?}",
        t.reason()
    );
    let text = &t.explanation;
    assert!(
        text.contains("transit gateway tgw-hub") && !text.contains("peering connection directly"),
        "{text}"
    );
}

// ---- Availability Zones [TVA] ------------------------------------------------------------

#[test]
fn az_without_attachment_subnet_cannot_reach_the_gateway() {
    // [TVA]: "resources in Availability Zones where there is no transit gateway attachment
    // cannot reach the transit gateway". i-a-b is in us-east-1b; the attachment has 1a only.
    let d = hub();
    let t = run(&d, "i-a-b", "i-c", 443);
    assert_blocked(&t, "tgw-attach-a", "TGW_ROUTE_AZ_RESTRICTION");
    match t.reason() {
        Some(Reason::TgwAzRestriction { az, azs, .. }) => {
            assert_eq!(
                (az.as_str(), azs.as_slice()),
                ("us-east-1b", &["us-east-1a".to_string()][..])
            )
        }
        other => panic!("{other:?}"),
    }
    let fix = t.fix().unwrap();
    assert_eq!(
        fix.edit,
        Edit::AddTgwAttachmentSubnet {
            attachment: "tgw-attach-a".into(),
            subnet: "subnet-a-b".into()
        }
    );
    assert_eq!(
        fix.cli,
        "aws ec2 modify-transit-gateway-vpc-attachment --transit-gateway-attachment-id \
         tgw-attach-a --add-subnet-ids subnet-a-b"
    );
    assert_reachable(&run(&with_fix(&d, &t), "i-a-b", "i-c", 443));
}

#[test]
fn attachment_subnet_in_the_zone_serves_every_subnet_of_it() {
    // [HTW]: enabling an AZ lets traffic reach every subnet of that AZ, not just the one
    // named: i-b sits in subnet-b, not in the attachment subnet subnet-b-tgw.
    let t = run(&hub(), "i-a", "i-b", 443);
    assert_reachable(&t);
    let leaves = t
        .hops
        .iter()
        .find(|h| h.component == "tgw-attach-b" && h.leg == Leg::Forward)
        .unwrap();
    assert_eq!(leaves.subnet.as_deref(), Some("subnet-b-tgw"));
}

// ---- Route tables: association, propagation, static and blackhole routes [TRT, TSR] -----

#[test]
fn attachment_without_route_table_association_drops() {
    // [TRT]: the table associated with the attachment a packet came in by routes it.
    let mut d = hub();
    d["transit_gateways"][0]["attachments"][0]
        .as_object_mut()
        .unwrap()
        .remove("route_table");
    let t = run(&d, "i-a", "i-c", 443);
    assert_blocked(&t, "tgw-attach-a", "TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION");
    let fix = t.fix().unwrap();
    assert_eq!(
        fix.cli,
        "aws ec2 associate-transit-gateway-route-table --transit-gateway-route-table-id \
         tgw-rtb-hub --transit-gateway-attachment-id tgw-attach-a"
    );
    assert_reachable(&run(&with_fix(&d, &t), "i-a", "i-c", 443));
}

#[test]
fn destination_not_propagated_has_no_tgw_route() {
    // [TRT]: routes come from propagations and static routes; C's attachment does not
    // propagate, so the table has no route to 10.3.0.0/16.
    let mut d = hub();
    d["transit_gateways"][0]["route_tables"][0]["propagations"] =
        json!(["tgw-attach-a", "tgw-attach-b"]);
    let t = run(&d, "i-a", "i-c", 443);
    assert_blocked(&t, "tgw-rtb-hub", "TGW_RTB_NO_ROUTE_TO_TGW_ATTACHMENT");
    let fix = t.fix().unwrap();
    assert_eq!(
        fix.edit,
        Edit::SetTgwPropagation {
            route_table: "tgw-rtb-hub".into(),
            attachment: "tgw-attach-c".into(),
            enabled: true
        }
    );
    assert!(fix
        .cli
        .starts_with("aws ec2 enable-transit-gateway-route-table-propagation"));
    assert!(t.explanation.contains("tgw-attach-c"), "{}", t.explanation);
    assert_reachable(&run(&with_fix(&d, &t), "i-a", "i-c", 443));
}

#[test]
fn blackhole_tgw_route_drops_without_fallback() {
    // [TSR]: a blackhole route "drops traffic that matches the route"; it is more specific
    // than C's propagated /16, so the packet is dropped (no fallback, as R4).
    let mut d = hub();
    d["transit_gateways"][0]["route_tables"][0]["routes"] =
        json!([{"destination": "10.3.1.0/24", "blackhole": true}]);
    let t = run(&d, "i-a", "i-c", 443);
    assert_blocked(&t, "tgw-rtb-hub", "TGW_RTB_BAD_STATE_ROUTE");
    let hop = t.hops.last().unwrap();
    let cands = &hop.route.as_ref().unwrap().candidates;
    assert_eq!(cands[0].target, "blackhole");
    assert_eq!(
        (cands[1].destination.as_str(), cands[1].outcome),
        ("10.3.0.0/16", Outcome::ShorterPrefix)
    );
    assert!(t
        .fix()
        .unwrap()
        .cli
        .starts_with("aws ec2 delete-transit-gateway-route"));
    assert_reachable(&run(&with_fix(&d, &t), "i-a", "i-c", 443));
}

#[test]
fn static_tgw_route_beats_propagated_on_equal_prefix() {
    // [TORD], [TMON]: for the same destination a static route wins over a propagated one.
    // A static 10.3.0.0/16 -> B's attachment sends A's packet for C into VPC B.
    let mut d = hub();
    d["transit_gateways"][0]["route_tables"][0]["routes"] =
        json!([{"destination": "10.3.0.0/16", "attachment": "tgw-attach-b"}]);
    let t = run(&d, "i-a", "i-c", 443);
    assert!(!t.reachable());
    let hop = t
        .hops
        .iter()
        .find(|h| h.kind == Component::TgwRouteTable)
        .unwrap();
    let route = hop.route.as_ref().unwrap();
    assert_eq!(route.matched.as_ref().unwrap().target, "tgw-attach-b");
    assert_eq!(route.candidates[1].target, "tgw-attach-c");
    assert_eq!(route.candidates[1].outcome, Outcome::LowerPriority);
}

#[test]
fn route_to_unavailable_attachment_is_blackhole() {
    // R4, R27: an attachment that is not `available` carries nothing.
    let mut d = hub();
    d["transit_gateways"][0]["attachments"][2]["state"] = json!("deleted");
    let t = run(&d, "i-a", "i-c", 443);
    assert_blocked(&t, "tgw-rtb-hub", "TGW_RTB_BAD_STATE_ROUTE");
}

#[test]
fn segmented_route_tables_keep_prod_and_dev_apart_but_share_services() {
    // [TRT]: prod (A) and dev (B) are associated with their own tables; both propagate into
    // the shared table and C (shared services) propagates into both.
    let mut d = hub();
    let g = &mut d["transit_gateways"][0];
    g["default_association_route_table"] = json!("tgw-rtb-shared");
    g["default_propagation_route_table"] = json!("tgw-rtb-shared");
    g["attachments"][0]["route_table"] = json!("tgw-rtb-prod");
    g["attachments"][1]["route_table"] = json!("tgw-rtb-dev");
    g["attachments"][2]["route_table"] = json!("tgw-rtb-shared");
    g["route_tables"] = json!([
        {"id": "tgw-rtb-prod", "propagations": ["tgw-attach-c"]},
        {"id": "tgw-rtb-dev", "propagations": ["tgw-attach-c"]},
        {"id": "tgw-rtb-shared", "propagations": ["tgw-attach-a", "tgw-attach-b"]}
    ]);
    assert_reachable(&run(&d, "i-a", "i-c", 443));
    assert_reachable(&run(&d, "i-b", "i-c", 443));
    assert_blocked(
        &run(&d, "i-a", "i-b", 443),
        "tgw-rtb-prod",
        "TGW_RTB_NO_ROUTE_TO_TGW_ATTACHMENT",
    );
}

// ---- VPC side: routes to the gateway (R3, R4) ---------------------------------------------

#[test]
fn vpc_without_route_to_gateway_gets_a_route_fix() {
    // R3: no route in A's table; the fix routes C's block to the gateway both are attached to.
    let mut d = hub();
    d["route_tables"][0]["routes"] = json!([]);
    let t = run(&d, "i-a", "i-c", 443);
    assert_blocked(&t, "rtb-a", "NO_ROUTE_TO_DESTINATION");
    assert_eq!(
        t.fix().unwrap().cli,
        "aws ec2 create-route --route-table-id rtb-a --destination-cidr-block 10.3.0.0/16 \
         --transit-gateway-id tgw-hub"
    );
    assert_reachable(&run(&with_fix(&d, &t), "i-a", "i-c", 443));
}

#[test]
fn route_to_gateway_without_attachment_is_blackhole() {
    // R4: A's attachment is gone, so A's route to the gateway is blackhole.
    let mut d = hub();
    d["transit_gateways"][0]["attachments"][0]["state"] = json!("deleted");
    let t = run(&d, "i-a", "i-c", 443);
    assert_blocked(&t, "rtb-a", "BAD_STATE_ROUTE");
    assert!(
        t.explanation.contains("no available attachment"),
        "{}",
        t.explanation
    );
}

// ---- Network ACLs with transit gateways [TNACL] -------------------------------------------

#[test]
fn attachment_subnet_acl_judges_traffic_to_the_gateway_by_source() {
    // [TNACL]: different subnets: the attachment subnet's inbound rules (source address)
    // evaluate traffic from the instances to the gateway.
    let mut d = hub();
    d["network_acls"] = json!([{"id": "acl-a-tgw", "vpc": "vpc-a", "subnets": ["subnet-a-tgw"],
        "ingress": [{"rule": 100, "protocol": "all", "cidr": "10.9.0.0/16", "action": "allow"}],
        "egress": [{"rule": 100, "protocol": "all", "cidr": "0.0.0.0/0", "action": "allow"}]}]);
    let t = run(&d, "i-a", "i-c", 443);
    assert_blocked(&t, "acl-a-tgw", "SUBNET_ACL_RESTRICTION");
    match t.reason() {
        Some(Reason::AclDenied { subnet, remote, .. }) => {
            assert_eq!(
                (subnet.as_str(), remote.to_string().as_str()),
                ("subnet-a-tgw", "10.1.1.10")
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn attachment_subnet_acl_outbound_judges_traffic_from_the_gateway() {
    // [TNACL]: the attachment subnet's outbound rules (destination address) evaluate
    // traffic from the gateway to the instances of another subnet.
    let mut d = hub();
    d["network_acls"] = json!([{"id": "acl-c-tgw", "vpc": "vpc-c", "subnets": ["subnet-c-tgw"],
        "ingress": [{"rule": 100, "protocol": "all", "cidr": "0.0.0.0/0", "action": "allow"}],
        "egress": [{"rule": 100, "protocol": "all", "cidr": "10.1.0.0/16", "action": "allow"}]}]);
    let t = run(&d, "i-a", "i-c", 443);
    assert_blocked(&t, "acl-c-tgw", "SUBNET_ACL_RESTRICTION");
    assert_eq!(t.hops.last().unwrap().leg, Leg::Forward);
}

#[test]
fn instance_in_the_attachment_subnet_skips_its_acl_from_the_gateway() {
    // [TNACL]: same subnet: traffic from the gateway to the instances is not evaluated.
    // i-c moves into C's attachment subnet, whose ACL allows nothing inbound from A.
    let mut d = hub();
    d["instances"][2]["subnet"] = json!("subnet-c-tgw");
    d["instances"][2]["private_ip"] = json!("10.3.0.10");
    d["network_acls"] = json!([{"id": "acl-c-tgw", "vpc": "vpc-c", "subnets": ["subnet-c-tgw"],
        "ingress": [{"rule": 100, "protocol": "all", "cidr": "10.3.0.0/16", "action": "allow"}],
        "egress": [{"rule": 100, "protocol": "all", "cidr": "0.0.0.0/0", "action": "allow"}]}]);
    let t = run(&d, "i-a", "i-c", 443);
    // The request arrives without the ACL; the reply leaves to the gateway, where the same
    // subnet's inbound rules judge it by its source (10.3.0.10, allowed).
    assert_reachable(&t);
    let fwd_acl = t
        .hops
        .iter()
        .any(|h| h.leg == Leg::Forward && h.component == "acl-c-tgw");
    assert!(!fwd_acl, "{}", forward_path(&t));
}

// ---- Endpoints across a transit gateway (R20, R21) ----------------------------------------

#[test]
fn gateway_endpoint_is_not_reachable_through_a_transit_gateway() {
    // R20 [GWS3]: resources across a transit gateway cannot use a gateway endpoint. C's
    // attachment subnet routes S3's prefix list to C's endpoint; A routes 0.0.0.0/0 to the hub.
    let mut d = hub();
    d["route_tables"][0]["routes"] = json!([{"destination": "0.0.0.0/0", "target": "tgw-hub"}]);
    d["route_tables"].as_array_mut().unwrap().push(json!({"id": "rtb-c-tgw", "vpc": "vpc-c",
        "subnets": ["subnet-c-tgw"], "routes": [{"destination": "10.0.0.0/8", "target": "tgw-hub"}]}));
    d["endpoints"] = json!([{"id": "vpce-s3", "vpc": "vpc-c", "service": "com.amazonaws.us-east-1.s3",
                             "type": "gateway", "route_tables": ["rtb-c-tgw"]}]);
    d["transit_gateways"][0]["route_tables"][0]["routes"] =
        json!([{"destination": "0.0.0.0/0", "attachment": "tgw-attach-c"}]);
    let t = run(&d, "i-a", "com.amazonaws.us-east-1.s3", 443);
    assert_blocked(&t, "vpce-s3", "NO_PATH");
    assert!(matches!(
        t.reason(),
        Some(Reason::TgwGatewayEndpoint { .. })
    ));
    assert!(
        t.explanation.contains("interface endpoint"),
        "{}",
        t.explanation
    );
}

#[test]
fn interface_endpoint_is_reachable_through_a_transit_gateway() {
    // R21 [S3PL, EKSPL]: interface endpoints are reachable over a transit gateway.
    let mut d = hub();
    d["security_groups"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "sg-e", "vpc": "vpc-c", "ingress": [{"protocol": "tcp", "ports": 443, "cidr": "10.0.0.0/8"}]}));
    d["endpoints"] = json!([{"id": "vpce-sqs", "vpc": "vpc-c", "service": "com.amazonaws.us-east-1.sqs",
        "type": "interface", "subnets": ["subnet-c"], "security_groups": ["sg-e"]}]);
    let l = loaded(&d);
    let eni = l
        .net
        .enis
        .iter()
        .find(|e| e.id.contains("sqs"))
        .map(|e| e.private_ip.to_string())
        .unwrap();
    let t = run(&d, "i-a", &eni, 443);
    assert_reachable(&t);
    assert!(t.path.contains(&"tgw-rtb-hub".to_string()), "{}", path(&t));
}

// ---- Peering edges (R18) and peering attachments [TPEER] -----------------------------------

#[test]
fn traffic_from_a_peered_vpc_cannot_use_the_gateway() {
    // R18: VPC D is peered with A only; A's table routes 10.0.0.0/8 to the hub. D's packet for
    // C enters A over the peering connection and may not leave by the gateway.
    let mut d = hub();
    d["vpcs"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "vpc-d", "cidr": "10.4.0.0/16"}));
    d["subnets"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "subnet-d", "vpc": "vpc-d", "cidr": "10.4.1.0/24"}));
    d["instances"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "i-d", "subnet": "subnet-d", "private_ip": "10.4.1.10"}));
    d["peering_connections"] = json!([{"id": "pcx-ad", "requester": "vpc-a", "accepter": "vpc-d"}]);
    d["route_tables"][0]["routes"]
        .as_array_mut()
        .unwrap()
        .push(json!({"destination": "10.4.0.0/16", "target": "pcx-ad"}));
    d["route_tables"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "rtb-d", "vpc": "vpc-d", "main": true,
        "routes": [{"destination": "10.0.0.0/8", "target": "pcx-ad"}]}));
    let t = run(&d, "i-d", "10.1.1.10", 443);
    // D reaches A itself (inside the peer); C is outside the peer VPC, so the peering refuses.
    assert_reachable(&t);
    let t = run(&d, "i-d", "i-c", 443);
    assert_blocked(&t, "pcx-ad", "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR");
}

/// Two gateways in two Regions joined by a peering attachment `tgw-attach-peer` (the same id
/// on both sides, as AWS gives it), each with one VPC; static routes across [TPEER].
fn peered_gateways() -> Value {
    json!({
        "vpcs": [{"id": "vpc-e", "cidr": "10.1.0.0/16", "region": "us-east-1"},
                 {"id": "vpc-w", "cidr": "10.2.0.0/16", "region": "us-west-1"}],
        "subnets": [{"id": "subnet-e", "vpc": "vpc-e", "cidr": "10.1.1.0/24", "az": "us-east-1a"},
                    {"id": "subnet-w", "vpc": "vpc-w", "cidr": "10.2.1.0/24", "az": "us-west-1a"}],
        "route_tables": [
            {"id": "rtb-e", "vpc": "vpc-e", "main": true, "routes": [{"destination": "10.2.0.0/16", "target": "tgw-east"}]},
            {"id": "rtb-w", "vpc": "vpc-w", "main": true, "routes": [{"destination": "10.1.0.0/16", "target": "tgw-west"}]}
        ],
        "security_groups": [
            {"id": "sg-w", "vpc": "vpc-w", "ingress": [{"protocol": "tcp", "ports": 443, "cidr": "10.1.0.0/16"}]}
        ],
        "instances": [
            {"id": "i-e", "subnet": "subnet-e", "private_ip": "10.1.1.10"},
            {"id": "i-w", "subnet": "subnet-w", "private_ip": "10.2.1.10", "security_groups": ["sg-w"]}
        ],
        "transit_gateways": [
            {"id": "tgw-east", "region": "us-east-1",
             "attachments": [
                {"id": "tgw-attach-e", "vpc": "vpc-e", "subnets": ["subnet-e"], "route_table": "tgw-rtb-e"},
                {"id": "tgw-attach-peer", "type": "peering", "peer": "tgw-west", "route_table": "tgw-rtb-e"}],
             "route_tables": [{"id": "tgw-rtb-e", "propagations": ["tgw-attach-e"],
                               "routes": [{"destination": "10.2.0.0/16", "attachment": "tgw-attach-peer"}]}]},
            {"id": "tgw-west", "region": "us-west-1",
             "attachments": [
                {"id": "tgw-attach-w", "vpc": "vpc-w", "subnets": ["subnet-w"], "route_table": "tgw-rtb-w"},
                {"id": "tgw-attach-peer", "type": "peering", "peer": "tgw-east", "route_table": "tgw-rtb-w"}],
             "route_tables": [{"id": "tgw-rtb-w", "propagations": ["tgw-attach-w"],
                               "routes": [{"destination": "10.1.0.0/16", "attachment": "tgw-attach-peer"}]}]}
        ]
    })
}

#[test]
fn peering_attachment_carries_static_routes_across_regions() {
    // [TPEER]: both owners add a static route to the peering attachment.
    let t = run(&peered_gateways(), "i-e", "i-w", 443);
    assert_reachable(&t);
    let fwd: Vec<&str> = t
        .hops
        .iter()
        .filter(|h| {
            h.leg == Leg::Forward
                && matches!(h.kind, Component::TgwAttachment | Component::TgwRouteTable)
        })
        .map(|h| h.component.as_str())
        .collect();
    assert_eq!(
        fwd,
        [
            "tgw-attach-e",
            "tgw-rtb-e",
            "tgw-attach-peer",
            "tgw-rtb-w",
            "tgw-attach-w"
        ]
    );
}

#[test]
fn peering_attachment_needs_a_static_route_on_each_side() {
    // [TPEER]: without the accepter's static route back, the reply has no route.
    let mut d = peered_gateways();
    d["transit_gateways"][1]["route_tables"][0]["routes"] = json!([]);
    let t = run(&d, "i-e", "i-w", 443);
    assert_blocked(&t, "tgw-rtb-w", "TGW_RTB_NO_ROUTE_TO_TGW_ATTACHMENT");
    assert_eq!(t.hops.last().unwrap().leg, Leg::Return);
}

#[test]
fn peering_attachments_do_not_propagate() {
    // [TPEER]: routes across a peering attachment are static only; a propagation is ignored
    // with a warning.
    let mut d = peered_gateways();
    d["transit_gateways"][0]["route_tables"][0]["propagations"] =
        json!(["tgw-attach-e", "tgw-attach-peer"]);
    let w = warnings(&d);
    assert!(
        w.iter().any(|w| w.message.contains("do not propagate")),
        "{w:?}"
    );
}

// ---- Input checks ------------------------------------------------------------------------

#[test]
fn attachment_takes_one_subnet_per_zone() {
    // [TVA]: "You can specify only one subnet per Availability Zone."
    let mut d = hub();
    d["transit_gateways"][0]["attachments"][0]["subnets"] = json!(["subnet-a-tgw", "subnet-a"]);
    let e = load_errors(&d);
    assert!(
        e.iter()
            .any(|e| e.message.contains("one subnet per Availability Zone")),
        "{e:?}"
    );
}

#[test]
fn udp_crosses_the_gateway_too() {
    // [HTW]: layer-3 routing by destination address, whatever the protocol.
    let mut d = hub();
    d["security_groups"][2]["ingress"] =
        json!([{"protocol": "udp", "ports": 53, "cidr": "10.0.0.0/8"}]);
    assert_reachable(&run_proto(&d, "i-a", "i-c", Protocol::Udp, 53));
}

// ---- The command: every hop printed, and in the JSON path (R26) ---------------------------

const BIN: &str = env!("CARGO_BIN_EXE_vpc-playground");

/// The hub with a less specific static route, so the gateway's table has a loser to show.
fn hub_file(test: &str) -> std::path::PathBuf {
    let mut d = hub();
    d["transit_gateways"][0]["route_tables"][0]["routes"] =
        json!([{"destination": "10.0.0.0/8", "attachment": "tgw-attach-b"}]);
    let dir =
        std::env::temp_dir().join(format!("vpc-playground-tgw-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("hub.json");
    std::fs::write(&p, d.to_string()).unwrap();
    p
}

fn trace_cli(file: &std::path::Path, json: bool) -> String {
    let mut args = vec![
        "trace",
        file.to_str().unwrap(),
        "--from",
        "i-a",
        "--to",
        "i-c",
        "--port",
        "443",
    ];
    if json {
        args.push("--json");
    }
    let out = std::process::Command::new(BIN)
        .args(&args)
        .output()
        .expect("run vpc-playground");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn trace_command_prints_every_hop_through_the_gateway() {
    let f = hub_file("text");
    let text = trace_cli(&f, false);
    let line = |who: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(&format!("> {who} ")))
            .unwrap_or_else(|| panic!("no hop for {who}:\n{text}"))
            .to_string()
    };
    assert!(line("rtb-a").contains("to tgw-hub"), "{text}");
    assert!(line("tgw-attach-a").contains("enters tgw-hub"), "{text}");
    let table = line("tgw-rtb-hub");
    assert!(
        table.contains("to tgw-attach-c by the route 10.3.0.0/16"),
        "{table}"
    );
    assert!(
        table.contains("10.0.0.0/8 -> tgw-attach-b (/8 is less specific)"),
        "{table}"
    );
    assert!(
        line("tgw-attach-c").contains("into vpc-c, by subnet-c-tgw"),
        "{text}"
    );
    assert!(line("rtb-c").contains("local"), "{text}");
    let _ = std::fs::remove_dir_all(f.parent().unwrap());
}

#[test]
fn trace_json_path_lists_each_gateway_hop() {
    let f = hub_file("json");
    let v: Value = serde_json::from_str(&trace_cli(&f, true)).expect("JSON");
    let path: Vec<&str> = v["path"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let at = |id: &str| {
        path.iter()
            .position(|p| *p == id)
            .unwrap_or_else(|| panic!("{id} not in {path:?}"))
    };
    assert!(at("rtb-a") < at("tgw-attach-a"));
    assert!(at("tgw-attach-a") < at("tgw-rtb-hub"));
    assert!(at("tgw-rtb-hub") < at("tgw-attach-c"));
    assert!(at("tgw-attach-c") < at("rtb-c"));
    let hops = v["hops"].as_array().unwrap();
    let table = hops
        .iter()
        .find(|h| h["kind"] == "tgw-route-table" && h["leg"] == "forward")
        .expect("a tgw-route-table hop");
    assert_eq!(table["route"]["matched"]["target"], "tgw-attach-c");
    assert_eq!(table["route"]["candidates"][1]["outcome"], "shorter-prefix");
    assert!(hops
        .iter()
        .any(|h| h["kind"] == "tgw-attachment" && h["subnet"] == "subnet-c-tgw"));
    let _ = std::fs::remove_dir_all(f.parent().unwrap());
}

// ---- Bad input and edits: clear errors, never a panic -------------------------------------

#[test]
fn bad_transit_gateway_input_names_resource_and_field() {
    let mut d = hub();
    let g = &mut d["transit_gateways"][0];
    g["attachments"][0]["vpc"] = json!("vpc-nowhere");
    g["attachments"][1]["route_table"] = json!("tgw-rtb-other");
    g["attachments"][2]["type"] = json!("wormhole");
    g["route_tables"][0]["routes"] = json!([
        {"destination": "10.9.0.0/16", "attachment": "tgw-attach-nowhere"},
        {"destination": "10.8.0.0/16"},
        {"destination": "10.7.0.1/16", "blackhole": true}
    ]);
    let e = load_errors(&d);
    let has = |res: &str, field: &str| e.iter().any(|d| d.resource == res && d.field == field);
    assert!(has("tgw-attach-a", "attachments[0].vpc"), "{e:?}");
    assert!(has("tgw-attach-b", "attachments[1].route_table"), "{e:?}");
    assert!(has("tgw-attach-c", "attachments[2].type"), "{e:?}");
    assert!(has("tgw-rtb-hub", "routes[0].attachment"), "{e:?}");
    assert!(has("tgw-rtb-hub", "routes[1].attachment"), "{e:?}");
    assert!(has("tgw-rtb-hub", "routes[2].destination"), "{e:?}");
}

#[test]
fn a_vpc_has_one_attachment_per_gateway() {
    // AWS refuses a second attachment of one VPC to one gateway (DuplicateTransitGatewayAttachment).
    let mut d = hub();
    d["transit_gateways"][0]["attachments"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "tgw-attach-a2", "vpc": "vpc-a", "subnets": ["subnet-a"]}));
    let e = load_errors(&d);
    assert!(e.iter().any(|d| d.resource == "tgw-attach-a2"), "{e:?}");
}

#[test]
fn transit_gateway_edits_on_unknown_resources_are_errors() {
    let mut doc = loaded(&hub()).doc.clone();
    let bad = [
        Edit::SetTgwRoute {
            route_table: "tgw-rtb-nowhere".into(),
            destination: "10.9.0.0/16".into(),
            attachment: None,
            blackhole: true,
        },
        Edit::AssociateTgwRouteTable {
            attachment: "tgw-attach-nowhere".into(),
            route_table: "tgw-rtb-hub".into(),
        },
        Edit::SetTgwPropagation {
            route_table: "tgw-rtb-hub".into(),
            attachment: "tgw-attach-nowhere".into(),
            enabled: true,
        },
        Edit::AddTgwAttachmentSubnet {
            attachment: "tgw-attach-a".into(),
            subnet: "subnet-nowhere".into(),
        },
        Edit::DeleteTgwRoute {
            route_table: "tgw-rtb-hub".into(),
            destination: "10.9.0.0/16".into(),
        },
    ];
    for e in &bad {
        let err = vpc_playground::edit::apply(&mut doc, e).expect_err("an error");
        assert!(
            err.to_string().contains("nowhere") || err.to_string().contains("no route"),
            "{err}"
        );
    }
    // And the edits that fit apply: a blackhole route, then its removal.
    let add = Edit::SetTgwRoute {
        route_table: "tgw-rtb-hub".into(),
        destination: "10.3.1.0/24".into(),
        attachment: None,
        blackhole: true,
    };
    vpc_playground::edit::apply(&mut doc, &add).unwrap();
    let d = serde_json::to_value(&doc).unwrap();
    assert_blocked(
        &run(&d, "i-a", "i-c", 443),
        "tgw-rtb-hub",
        "TGW_RTB_BAD_STATE_ROUTE",
    );
}

// ---- Availability Zone affinity and appliance mode [TASYM, TOPT] ---------------------------

#[test]
fn packet_leaves_by_the_zone_it_entered_unless_appliance_mode() {
    // [TASYM]: by default the gateway keeps the zone the packet entered by (us-east-1a here).
    // [TOPT]: with appliance mode one zone of the appliance VPC serves both directions; the
    // engine takes the attachment's first subnet (docs/aws-notes.md).
    let mut d = hub();
    d["subnets"].as_array_mut().unwrap().push(
        json!({"id": "subnet-c-tgw-b", "vpc": "vpc-c", "cidr": "10.3.0.16/28", "az": "us-east-1b"}),
    );
    d["transit_gateways"][0]["attachments"][2]["subnets"] =
        json!(["subnet-c-tgw-b", "subnet-c-tgw"]);
    let exit = |d: &Value| {
        let t = run(d, "i-a", "i-c", 443);
        assert_reachable(&t);
        t.hops
            .iter()
            .find(|h| h.component == "tgw-attach-c" && h.leg == Leg::Forward)
            .and_then(|h| h.subnet.clone())
            .unwrap()
    };
    assert_eq!(exit(&d), "subnet-c-tgw");
    d["transit_gateways"][0]["attachments"][2]["appliance_mode"] = json!(true);
    assert_eq!(exit(&d), "subnet-c-tgw-b");
}

#[test]
fn security_group_reference_does_not_match_across_the_gateway() {
    // [TOPT]: referencing a group across VPCs attached to a transit gateway needs
    // SecurityGroupReferencingSupport on the attachment, off by default; the engine does not
    // model the option, so a rule that names A's group does not admit the packet (R10), with
    // Reachability Analyzer's SG_REFERENCING_SUPPORT.
    let mut d = hub();
    d["security_groups"][2]["ingress"] =
        json!([{"protocol": "tcp", "ports": 443, "group": "sg-a"}]);
    let t = run(&d, "i-a", "i-c", 443);
    assert_blocked(&t, "sg-c", "SG_REFERENCING_SUPPORT");
    assert!(
        t.explanation.contains("security group referencing support"),
        "{}",
        t.explanation
    );
    // The fix allows the sender's VPC CIDR instead, and then the flow gets through.
    assert!(
        t.fix().unwrap().cli.contains("CidrIp=10.1.0.0/16"),
        "{:?}",
        t.fix()
    );
    assert_reachable(&run(&with_fix(&d, &t), "i-a", "i-c", 443));
}

// ---- VPN attachments: the connection's state and tunnels (R27) [VPNTGW] --------------------

/// The hub with a VPN attachment to the corporate network 192.168.0.0/16, propagated into the
/// hub's table, and VPC A routing that network to the gateway; `link` sets the attachment's
/// VPN fields (`vpn`, `vpn_state`, `tunnels`).
fn hub_with_vpn(link: Value) -> Value {
    let mut att = json!({"id": "tgw-attach-vpn", "type": "vpn", "cidrs": ["192.168.0.0/16"],
                         "route_table": "tgw-rtb-hub"});
    for (k, v) in link.as_object().unwrap() {
        att[k] = v.clone();
    }
    hub_with_corporate(att)
}

/// The hub with `att` (an attachment to the corporate network) propagated into the hub's
/// table, and VPC A routing 192.168.0.0/16 to the gateway.
fn hub_with_corporate(att: Value) -> Value {
    let mut d = hub();
    let id = att["id"].clone();
    d["transit_gateways"][0]["attachments"]
        .as_array_mut()
        .unwrap()
        .push(att);
    d["transit_gateways"][0]["route_tables"][0]["propagations"]
        .as_array_mut()
        .unwrap()
        .push(id);
    d["route_tables"][0]["routes"]
        .as_array_mut()
        .unwrap()
        .push(json!({"destination": "192.168.0.0/16", "target": "tgw-hub"}));
    d
}

// A Site-to-Site VPN connection attached to a transit gateway is the same connection with the
// same two tunnels as on a virtual private gateway
// (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpn-attachments.html); each tunnel's status is
// UP or DOWN (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VgwTelemetry.html), and
// with every tunnel down nothing crosses: Reachability Analyzer's BAD_STATE_VPN
// (https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html).
#[test]
fn vpn_attachment_with_every_tunnel_down_drops_with_bad_state_vpn() {
    let d = hub_with_vpn(json!({"vpn": "vpn-1", "tunnels": ["down", "DOWN"]}));
    let t = run(&d, "i-a", "192.168.1.5", 22);
    assert_blocked(&t, "tgw-attach-vpn", "BAD_STATE_VPN");
    // The hub's table chose the VPN attachment; the packet stops there, not at the table.
    assert!(
        forward_path(&t).ends_with("tgw-attach-a > tgw-rtb-hub > tgw-attach-vpn"),
        "{}",
        forward_path(&t)
    );
    match &t.drop().unwrap().reason {
        Reason::TgwVpnUnusable {
            tgw,
            attachment,
            vpn,
            why,
            ..
        } => {
            assert_eq!(
                (tgw.as_str(), attachment.as_str()),
                ("tgw-hub", "tgw-attach-vpn")
            );
            assert_eq!(vpn.as_deref(), Some("vpn-1"));
            assert_eq!(*why, VpnDown::TunnelsDown { tunnels: 2 });
        }
        other => panic!("{other:?}"),
    }
    assert!(
        t.explanation
            .contains("VPN connection vpn-1 carries nothing")
            && t.explanation.contains("(2) is DOWN"),
        "{}",
        t.explanation
    );
    // One tunnel up is enough, as on a virtual private gateway.
    let up = hub_with_vpn(json!({"vpn": "vpn-1", "tunnels": ["down", "up"]}));
    let t = run(&up, "i-a", "192.168.1.5", 22);
    assert_reachable(&t);
    assert!(path(&t).contains("tgw-attach-vpn"), "{}", path(&t));
}

// R27: a connection that is not `available` (pending, deleting, deleted; states from
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpnConnection.html) carries
// nothing, whichever gateway it is on.
#[test]
fn vpn_attachment_whose_connection_is_not_available_drops_and_says_its_state() {
    let d = hub_with_vpn(json!({"vpn": "vpn-1", "vpn_state": "deleting"}));
    let t = run(&d, "i-a", "192.168.1.5", 22);
    assert_blocked(&t, "tgw-attach-vpn", "BAD_STATE_VPN");
    assert!(matches!(
        &t.drop().unwrap().reason,
        Reason::TgwVpnUnusable { why: VpnDown::State { state }, .. } if state == "deleting"
    ));
    assert!(
        t.explanation.contains("it is deleting"),
        "{}",
        t.explanation
    );
    // Unknown tunnels (none reported) and no state: the connection is taken as available.
    let t = run(&hub_with_vpn(json!({})), "i-a", "192.168.1.5", 22);
    assert_reachable(&t);
}

#[test]
fn vpn_attachment_tunnel_status_must_be_up_or_down() {
    let d = hub_with_vpn(json!({"tunnels": ["up", "sideways"]}));
    let errors = load_errors(&d);
    assert!(
        errors.iter().any(|e| e.resource == "tgw-attach-vpn"
            && e.field == "attachments[3].tunnels[1]"
            && e.message.contains("\"sideways\" is not a tunnel status")),
        "{errors:?}"
    );
}

// ---- Prefix-list references [TPL] --------------------------------------------------------

/// The hub with a VPN attachment (not propagated) and the corporate prefix list `pl-corp`
/// (192.168.0.0/16, 172.16.0.0/12), referenced in the hub's table to the VPN attachment.
fn hub_with_prefix_list(cidrs: Value) -> Value {
    let mut d = hub_with_vpn(json!({}));
    d["transit_gateways"][0]["route_tables"][0]["propagations"] =
        json!(["tgw-attach-a", "tgw-attach-b", "tgw-attach-c"]);
    d["prefix_lists"] = json!([{"id": "pl-corp", "name": "corporate", "cidrs": cidrs}]);
    d["transit_gateways"][0]["route_tables"][0]["routes"] =
        json!([{"destination": "pl-corp", "attachment": "tgw-attach-vpn"}]);
    d["route_tables"][0]["routes"]
        .as_array_mut()
        .unwrap()
        .push(json!({"destination": "172.16.0.0/12", "target": "tgw-hub"}));
    d
}

// A transit gateway route table can reference a managed prefix list: the reference routes each
// of the list's entries to an attachment, or drops them as blackhole
// (https://docs.aws.amazon.com/vpc/latest/tgw/create-prefix-list-reference.html: "each entry in
// the prefix list is represented as a route"; the API's
// TransitGatewayPrefixListReference, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayPrefixListReference.html).
#[test]
fn prefix_list_reference_routes_each_entry_of_the_list() {
    let d = hub_with_prefix_list(json!(["192.168.0.0/16", "172.16.0.0/12"]));
    for dst in ["192.168.1.5", "172.20.0.9"] {
        let t = run(&d, "i-a", dst, 22);
        assert_reachable(&t);
        assert!(
            path(&t).contains("tgw-rtb-hub > tgw-attach-vpn"),
            "{}",
            path(&t)
        );
        let hop = t
            .hops
            .iter()
            .find(|h| h.kind == Component::TgwRouteTable && h.leg == Leg::Forward)
            .unwrap();
        let m = hop.route.as_ref().unwrap().matched.clone().unwrap();
        // Shown by its list, with the entry that matched, as a VPC table shows its lists.
        assert_eq!(m.destination, "pl-corp");
        let entry = if dst.starts_with("192") {
            "192.168.0.0/16"
        } else {
            "172.16.0.0/12"
        };
        assert_eq!(m.matched_cidr, entry);
        assert_eq!(m.target, "tgw-attach-vpn");
    }
    // An address in no entry has no route: the reference is the list, not a wider block.
    let t = run(&d, "i-a", "10.9.0.5", 22);
    assert_blocked(&t, "tgw-rtb-hub", "TGW_RTB_NO_ROUTE_TO_TGW_ATTACHMENT");
}

// Route evaluation order on an equal prefix [TORD]: static routes, then prefix-list
// references, then VPC-propagated routes, then VPN-propagated ones
// (https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html).
#[test]
fn prefix_list_reference_beats_a_propagated_route_and_loses_to_a_static_one() {
    let mut d = hub_with_prefix_list(json!(["10.3.0.0/16"]));
    // The list now covers VPC C's block, which C also propagates, and drops it.
    d["transit_gateways"][0]["route_tables"][0]["routes"] =
        json!([{"destination": "pl-corp", "blackhole": true}]);
    let t = run(&d, "i-a", "i-c", 443);
    assert_blocked(&t, "tgw-rtb-hub", "TGW_RTB_BAD_STATE_ROUTE");
    let hop = t
        .hops
        .iter()
        .find(|h| h.kind == Component::TgwRouteTable)
        .unwrap();
    let decision = hop.route.as_ref().unwrap();
    assert_eq!(decision.matched.as_ref().unwrap().destination, "pl-corp");
    assert!(
        decision
            .candidates
            .iter()
            .any(|c| c.destination == "10.3.0.0/16" && c.target == "tgw-attach-c"),
        "the propagated route lost on priority: {:?}",
        decision.candidates
    );
    // A static route for the same block beats the reference.
    d["transit_gateways"][0]["route_tables"][0]["routes"]
        .as_array_mut()
        .unwrap()
        .push(json!({"destination": "10.3.0.0/16", "attachment": "tgw-attach-c"}));
    assert_reachable(&run(&d, "i-a", "i-c", 443));
}

#[test]
fn prefix_list_reference_without_entries_adds_no_routes_and_says_so() {
    let d = hub_with_prefix_list(json!([]));
    let notes = warnings(&d);
    assert!(
        notes.iter().any(|n| n.resource == "tgw-rtb-hub"
            && n.field == "routes[0].destination"
            && n.message
                .contains("entries of prefix list pl-corp are not in the files")
            && n.message
                .contains("get-managed-prefix-list-entries --prefix-list-id pl-corp")),
        "{notes:?}"
    );
    let t = run(&d, "i-a", "192.168.1.5", 22);
    assert_blocked(&t, "tgw-rtb-hub", "TGW_RTB_NO_ROUTE_TO_TGW_ATTACHMENT");
    // A list that is not in the input at all is an error that names it.
    let mut d = hub_with_prefix_list(json!(["192.168.0.0/16"]));
    d["prefix_lists"] = json!([]);
    let errors = load_errors(&d);
    assert!(
        errors.iter().any(|e| e.resource == "tgw-rtb-hub"
            && e.message
                .contains("prefix list \"pl-corp\", which is not in the input")),
        "{errors:?}"
    );
}

// ---- Direct Connect gateway attachments [TDX] ------------------------------------------------

/// The hub with a Direct Connect gateway attachment propagated into the hub's table, VPC A
/// routing 192.168.0.0/16 to the gateway; `cidrs` are the corporate networks the scenario
/// knows behind it.
fn hub_with_dx(cidrs: Value) -> Value {
    hub_with_corporate(
        json!({"id": "tgw-attach-dx", "type": "direct-connect-gateway",
                              "dx_gateway": "dxgw-corp", "cidrs": cidrs, "route_table": "tgw-rtb-hub"}),
    )
}

// A Direct Connect gateway is a transit gateway attachment that propagates its routes into the
// tables (https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html). With its
// networks given, they are routes like any other; without them (describe output never lists
// BGP-learned prefixes, R28) the trace assumes the destination is one, and says so on the hop.
#[test]
fn direct_connect_gateway_attachment_routes_known_networks_and_assumes_bgp_ones() {
    let d = hub_with_dx(json!(["192.168.0.0/16"]));
    let t = run(&d, "i-a", "192.168.1.5", 22);
    assert_reachable(&t);
    assert!(
        path(&t).contains("tgw-rtb-hub > tgw-attach-dx"),
        "{}",
        path(&t)
    );
    assert!(
        t.hops.iter().all(|h| h.assumption.is_none()),
        "a known route assumes nothing"
    );
    // The reply comes back in by the Direct Connect attachment and is routed to A.
    let back: Vec<&str> = t
        .hops
        .iter()
        .filter(|h| h.leg == Leg::Return && h.kind == Component::TgwAttachment)
        .map(|h| h.component.as_str())
        .collect();
    assert_eq!(back, ["tgw-attach-a"]);

    let d = hub_with_dx(json!([]));
    let t = run(&d, "i-a", "192.168.1.5", 22);
    assert_reachable(&t);
    let hop = t
        .hops
        .iter()
        .find(|h| h.component == "tgw-rtb-hub")
        .unwrap();
    assert!(
        matches!(&hop.assumption, Some(vpc_playground::explain::Assumption::DxAdvertised {
            attachment, gateway, .. }) if attachment == "tgw-attach-dx" && gateway == "dxgw-corp"),
        "{:?}",
        hop.assumption
    );
    assert!(
        t.explanation.contains(
            "Assumed: tgw-attach-dx of tgw-hub leads to Direct Connect gateway dxgw-corp"
        ),
        "{}",
        t.explanation
    );
    // An address inside a VPC attached to the hub is routed by its propagated route, never
    // assumed to be on premises.
    let t = run(&d, "i-a", "i-c", 443);
    assert_reachable(&t);
    assert!(t.hops.iter().all(|h| h.assumption.is_none()));
}
