//! One or more scenario tests per AWS rule (R1-R26 of shared/aws-rules.md) that the model
//! includes. Each test describes its topology in a comment, then asserts the path and the
//! blocking resource, not a bare boolean.

mod common;
use common::*;
use serde_json::json;
use vpc_playground::edit::Edit;
use vpc_playground::explain::{BlackholeWhy, Edge, GroupReference, Reason, RouteHint};
use vpc_playground::forward::{Action, Component, Leg, Outcome, RuleAction};
use vpc_playground::model::{Direction, NaclAction, PortRange, Protocol};

// ---- R1: route table choice -------------------------------------------------------------

#[test]
fn subnet_without_association_uses_main_table() {
    // subnet-a2 is not associated: it uses the main table, which has no peering route.
    let mut d = two_peered();
    d["route_tables"][0]["subnets"] = json!(["subnet-a"]);
    let t = run(&d, "i-a2", "i-b", 5432);
    assert_blocked(&t, "rtb-a-main", "NO_ROUTE_TO_DESTINATION");
    // An explicit main table is used the same way.
    d["route_tables"][0]["main"] = json!(true);
    let t = run(&d, "i-a2", "i-b", 5432);
    assert_reachable(&t);
    assert!(path(&t).contains("rtb-a > pcx-ab"), "{}", path(&t));
}

// ---- R2: longest prefix, then priority ---------------------------------------------------

#[test]
fn prefix_list_route_beats_default_route_to_nat() {
    // The private subnet routes 0.0.0.0/0 to a NAT gateway and S3's prefix list to a gateway
    // endpoint: S3 goes through the endpoint (longer prefix), not the NAT gateway.
    let mut d = public_private();
    d["endpoints"] = json!([{"id": "vpce-s3", "vpc": "vpc-a", "service": "com.amazonaws.us-east-1.s3",
                              "type": "gateway", "route_tables": ["rtb-priv"]}]);
    let t = run(&d, "i-app", "com.amazonaws.us-east-1.s3", 443);
    assert_reachable(&t);
    assert_eq!(
        forward_path(&t),
        "eni-app > sg-a-default > acl-a-default > rtb-priv > vpce-s3"
    );
    assert!(!t.path.contains(&"nat-a".to_string()));
    let hop = t.hops.iter().find(|h| h.component == "rtb-priv").unwrap();
    let route = hop.route.as_ref().unwrap();
    assert_eq!(route.matched.as_ref().unwrap().target, "vpce-s3");
    let lost = &route.candidates[1];
    assert_eq!(
        (lost.destination.as_str(), lost.outcome),
        ("0.0.0.0/0", Outcome::ShorterPrefix)
    );
}

#[test]
fn static_route_beats_propagated_on_equal_prefix() {
    // Both a static route (to pcx-ab) and a propagated VPN route cover 172.31.0.0/16.
    let mut d = two_peered();
    d["vpn_gateways"] = json!([{"id": "vgw-a", "vpc": "vpc-a", "onprem_cidrs": ["172.31.0.0/16"]}]);
    d["route_tables"][0]["routes"] = json!([
        {"destination": "172.31.0.0/16", "target": "vgw-a", "propagated": true},
        {"destination": "172.31.0.0/16", "target": "pcx-ab"}
    ]);
    let t = run(&d, "i-a", "i-b", 5432);
    assert_reachable(&t);
    let route = t
        .hops
        .iter()
        .find(|h| h.component == "rtb-a")
        .unwrap()
        .route
        .clone()
        .unwrap();
    assert_eq!(route.matched.unwrap().target, "pcx-ab");
    assert_eq!(route.candidates[1].outcome, Outcome::LowerPriority);
}

// ---- R3: no route ------------------------------------------------------------------------

#[test]
fn missing_return_route_blocks_the_reply() {
    // B's table has no route back to A: the request arrives, the reply has no way back.
    let mut d = two_peered();
    d["route_tables"][1]["routes"] = json!([]);
    let t = run(&d, "i-a", "i-b", 5432);
    assert_blocked(&t, "rtb-b", "NO_ROUTE_TO_DESTINATION");
    assert_eq!(
        path(&t),
        "eni-a > sg-a > acl-a-default > rtb-a > pcx-ab > acl-b-default > sg-b > eni-b > sg-b > acl-b-default > rtb-b"
    );
    let drop = t.hops.last().unwrap();
    assert_eq!((drop.leg, drop.action), (Leg::Return, Action::Drop));
    assert_eq!(t.drop().map(|d| d.leg), Some(Leg::Return));
    assert!(matches!(
        t.reason(),
        Some(Reason::NoRoute { table, subnet, .. }) if table == "rtb-b" && subnet == "subnet-b"
    ));
    let fix = t.fix().unwrap();
    assert_eq!(
        fix.edit,
        Edit::SetRoute {
            route_table: "rtb-b".into(),
            destination: "10.0.0.0/16".into(),
            target: "pcx-ab".into(),
            replaces: None,
        }
    );
    assert_eq!(fix.cli, "aws ec2 create-route --route-table-id rtb-b --destination-cidr-block 10.0.0.0/16 --vpc-peering-connection-id pcx-ab");
}

#[test]
fn applying_the_suggested_fix_makes_the_flow_reachable() {
    let mut d = two_peered();
    d["route_tables"][1]["routes"] = json!([]);
    let l = loaded(&d);
    let t = run(&d, "i-a", "i-b", 5432);
    let mut doc = l.doc.clone();
    vpc_playground::edit::apply(&mut doc, &t.fix().cloned().unwrap().edit).unwrap();
    let fixed = serde_json::to_value(&doc).unwrap();
    assert_reachable(&run(&fixed, "i-a", "i-b", 5432));
}

// ---- R4: blackhole routes ----------------------------------------------------------------

#[test]
fn route_to_pending_peering_is_blackhole() {
    let mut d = two_peered();
    d["peering_connections"][0]["status"] = json!("pending-acceptance");
    let t = run(&d, "i-a", "i-b", 5432);
    assert_blocked(&t, "pcx-ab", "BAD_STATE_ROUTE");
    assert_eq!(
        forward_path(&t),
        "eni-a > sg-a > acl-a-default > rtb-a > pcx-ab"
    );
    assert_eq!(
        t.fix().cloned().unwrap().edit,
        Edit::AcceptPeering {
            peering: "pcx-ab".into()
        }
    );
    assert!(warnings(&d).iter().any(|w| w.resource == "pcx-ab"));
}

#[test]
fn route_to_detached_internet_gateway_is_blackhole() {
    let mut d = public_private();
    d["internet_gateways"][0] = json!({"id": "igw-a"});
    let t = run(&d, "i-web", "8.8.8.8", 443);
    assert_blocked(&t, "igw-a", "BAD_STATE_ROUTE");
}

#[test]
fn route_to_deleted_nat_gateway_is_blackhole() {
    let mut d = public_private();
    d["nat_gateways"][0]["state"] = json!("deleted");
    let t = run(&d, "i-app", "8.8.8.8", 443);
    assert_blocked(&t, "nat-a", "BAD_STATE_ROUTE");
}

#[test]
fn route_to_missing_target_is_blackhole_at_the_table() {
    let mut d = two_peered();
    d["route_tables"][0]["routes"] =
        json!([{"destination": "172.31.0.0/16", "target": "pcx-gone"}]);
    let t = run(&d, "i-a", "i-b", 5432);
    assert_blocked(&t, "rtb-a", "BAD_STATE_ROUTE");
}

// ---- R5, R6: routes inside the VPC and reserved ranges -----------------------------------

#[test]
fn route_more_specific_than_local_must_cover_a_whole_subnet() {
    let mut d = public_private();
    d["route_tables"][0]["routes"] = json!([{"destination": "10.0.1.0/25", "target": "igw-a"}]);
    let errs = load_errors(&d);
    assert!(
        errs.iter().any(|e| e.resource == "rtb-pub"
            && e.field == "routes[0].destination"
            && e.message.contains("R5")),
        "{errs:?}"
    );
    // A whole subnet to a NAT gateway is allowed.
    d["route_tables"][0]["routes"] = json!([{"destination": "10.0.1.0/24", "target": "nat-a"}]);
    loaded(&d);
}

#[test]
fn reserved_range_cannot_be_a_route_destination() {
    let mut d = public_private();
    d["route_tables"][0]["routes"] =
        json!([{"destination": "169.254.168.0/22", "target": "igw-a"}]);
    let errs = load_errors(&d);
    assert!(errs.iter().any(|e| e.message.contains("R6")), "{errs:?}");
}

// ---- R7, R8: network ACLs ----------------------------------------------------------------

fn deny_all_acl(d: &mut serde_json::Value, subnets: serde_json::Value) {
    d["network_acls"] = json!([{"id": "acl-closed", "vpc": "vpc-a", "subnets": subnets}]);
}

#[test]
fn same_subnet_traffic_skips_acl_and_routing() {
    // i-a and i-a3 share subnet-a, whose ACL denies everything: they still talk.
    let mut d = two_peered();
    deny_all_acl(&mut d, json!(["subnet-a"]));
    let t = run(&d, "i-a", "i-a3", 22);
    assert_reachable(&t);
    assert_eq!(path(&t), "eni-a > sg-a > eni-a3 > sg-a > eni-a");
}

#[test]
fn nacl_without_rules_denies_at_subnet_boundary() {
    let mut d = two_peered();
    deny_all_acl(&mut d, json!(["subnet-a2"]));
    let t = run(&d, "i-a", "i-a2", 22);
    assert_blocked(&t, "acl-closed", "SUBNET_ACL_RESTRICTION");
    assert_eq!(
        forward_path(&t),
        "eni-a > sg-a > acl-a-default > rtb-a > acl-closed"
    );
    let rule = t.hops.last().unwrap().rule.clone().unwrap();
    assert_eq!(
        (rule.direction, rule.rule_number, rule.action),
        (Direction::Ingress, None, RuleAction::Deny)
    );
}

#[test]
fn nacl_first_match_wins() {
    // Rule 90 denies 10.0.1.0/24 before rule 100 allows everything.
    let mut d = two_peered();
    d["network_acls"] = json!([{"id": "acl-b", "vpc": "vpc-b", "subnets": ["subnet-b"],
        "ingress": [
            {"rule": 100, "protocol": "all", "cidr": "0.0.0.0/0", "action": "allow"},
            {"rule": 90, "protocol": "tcp", "ports": 5432, "cidr": "10.0.1.0/24", "action": "deny"}
        ],
        "egress": [{"rule": 100, "protocol": "all", "cidr": "0.0.0.0/0", "action": "allow"}]}]);
    let t = run(&d, "i-a", "i-b", 5432);
    assert_blocked(&t, "acl-b", "SUBNET_ACL_RESTRICTION");
    assert_eq!(
        t.hops.last().unwrap().rule.as_ref().unwrap().rule_number,
        Some(90)
    );
    // From the other subnet, rule 90 does not match and rule 100 allows.
    assert_reachable(&run(&d, "i-a2", "i-b", 5432));
    // The suggested allow rule is numbered below the deny rule.
    match t.fix().cloned().unwrap().edit {
        Edit::AddNetworkAclRule {
            rule,
            ports,
            action,
            ..
        } => {
            assert!(rule < 90);
            assert_eq!(ports, PortRange::single(5432));
            assert_eq!(action, NaclAction::Allow);
        }
        other => panic!("unexpected fix {other:?}"),
    }
}

#[test]
fn nacl_blocks_ephemeral_reply() {
    // B's ACL allows 5432 in and only 5432 out: the reply to port 49152 is denied (stateless).
    let mut d = two_peered();
    d["network_acls"] = json!([{"id": "acl-b", "vpc": "vpc-b", "subnets": ["subnet-b"],
        "ingress": [{"rule": 100, "protocol": "tcp", "ports": 5432, "cidr": "10.0.0.0/16", "action": "allow"}],
        "egress": [{"rule": 100, "protocol": "tcp", "ports": 5432, "cidr": "10.0.0.0/16", "action": "allow"}]}]);
    let t = run(&d, "i-a", "i-b", 5432);
    assert_blocked(&t, "acl-b", "SUBNET_ACL_RESTRICTION");
    let drop = t.hops.last().unwrap();
    assert_eq!(drop.leg, Leg::Return);
    assert_eq!(drop.header_in.dst_port, 49152);
    assert!(
        matches!(
            t.reason(),
            Some(Reason::AclDenied {
                direction: Direction::Egress,
                ephemeral: true,
                port: 49152,
                ..
            })
        ),
        "{:?}",
        t.reason()
    );
    match &t.fix().unwrap().edit {
        Edit::AddNetworkAclRule {
            direction,
            ports,
            cidr,
            ..
        } => {
            assert_eq!(
                (*direction, *ports, cidr.as_str()),
                (
                    Direction::Egress,
                    PortRange {
                        from: 1024,
                        to: 65535
                    },
                    "10.0.0.0/16"
                )
            );
        }
        other => panic!("unexpected fix {other:?}"),
    }
    let l = loaded(&d);
    let mut doc = l.doc.clone();
    vpc_playground::edit::apply(&mut doc, &t.fix().cloned().unwrap().edit).unwrap();
    assert_reachable(&run(
        &serde_json::to_value(&doc).unwrap(),
        "i-a",
        "i-b",
        5432,
    ));
}

// ---- R9, R10: security groups ------------------------------------------------------------

#[test]
fn security_group_denies_without_matching_ingress_rule() {
    let d = two_peered();
    let t = run(&d, "i-a", "i-b", 22);
    assert_blocked(&t, "sg-b", "ENI_SG_RULES_MISMATCH");
    assert_eq!(
        forward_path(&t),
        "eni-a > sg-a > acl-a-default > rtb-a > pcx-ab > acl-b-default > sg-b"
    );
    match t.fix().cloned().unwrap().edit {
        Edit::AddSecurityGroupRule {
            group,
            direction,
            protocol,
            ports,
            peer,
        } => {
            assert_eq!(
                (group.as_str(), direction, protocol, ports, peer.as_str()),
                (
                    "sg-b",
                    Direction::Ingress,
                    Protocol::Tcp,
                    PortRange::single(22),
                    "10.0.0.0/16"
                )
            );
        }
        other => panic!("unexpected fix {other:?}"),
    }
}

#[test]
fn security_group_with_no_egress_rules_stops_the_sender() {
    let mut d = two_peered();
    d["security_groups"][0]["egress"] = json!([]);
    let t = run(&d, "i-a", "i-b", 5432);
    assert_blocked(&t, "sg-a", "SG_HAS_NO_RULES");
}

#[test]
fn security_group_replies_are_stateful() {
    // sg-b has no egress rules at all, yet the reply to an allowed request passes.
    let mut d = two_peered();
    d["security_groups"][1]["egress"] = json!([]);
    let t = run(&d, "i-a", "i-b", 5432);
    assert_reachable(&t);
    let reply_sg = t
        .hops
        .iter()
        .find(|h| h.leg == Leg::Return && h.component == "sg-b")
        .unwrap();
    assert_eq!(reply_sg.action, Action::Allow);
}

#[test]
fn security_group_reference_to_peer_group_matches_in_same_region() {
    let mut d = two_peered();
    d["security_groups"][1]["ingress"] =
        json!([{"protocol": "tcp", "ports": 5432, "group": "sg-a"}]);
    let t = run(&d, "i-a", "i-b", 5432);
    assert_reachable(&t);
    let hop = t
        .hops
        .iter()
        .find(|h| h.component == "sg-b" && h.leg == Leg::Forward)
        .unwrap();
    assert_eq!(hop.rule.as_ref().unwrap().text, "tcp 5432 from sg-a");
}

#[test]
fn security_group_reference_across_regions_never_matches() {
    let mut d = two_peered();
    d["vpcs"][1]["region"] = json!("eu-west-1");
    d["security_groups"][1]["ingress"] =
        json!([{"protocol": "tcp", "ports": 5432, "group": "sg-a"}]);
    let t = run(&d, "i-a", "i-b", 5432);
    assert_blocked(&t, "sg-b", "UNKNOWN_PEERED_SGS");
    assert!(
        matches!(
            t.reason(),
            Some(Reason::SgNoRule {
                reference: Some(GroupReference::AcrossRegions { group, from, to, .. }),
                ..
            }) if group == "sg-a" && from == "us-east-1" && to == "eu-west-1"
        ),
        "{:?}",
        t.reason()
    );
}

#[test]
fn security_group_identity_is_lost_through_nat() {
    // sg-web allows 443 from members of sg-app; i-app reaches i-web's public IP via the NAT
    // gateway, so the packet arrives from the NAT's address and no longer carries sg-app.
    let mut d = public_private();
    d["security_groups"] = json!([
        {"id": "sg-app", "vpc": "vpc-a"},
        {"id": "sg-web", "vpc": "vpc-a", "ingress": [{"protocol": "tcp", "ports": 443, "group": "sg-app"}]}
    ]);
    d["instances"][1]["security_groups"] = json!(["sg-app"]);
    let direct = run(&d, "i-app", "i-web", 443);
    assert_reachable(&direct);
    let via_nat = run(&d, "i-app", "198.51.100.7", 443);
    assert_blocked(&via_nat, "sg-web", "SG_REFERENCES_NOT_PRESERVED");
    assert!(
        path(&via_nat).contains("nat-a > acl-a-default > rtb-pub > igw-a"),
        "{}",
        path(&via_nat)
    );
}

// ---- R11-R13: internet gateway -----------------------------------------------------------

#[test]
fn internet_gateway_rewrites_source_to_public_ip() {
    let d = public_private();
    let t = run(&d, "i-web", "8.8.8.8", 443);
    assert_reachable(&t);
    assert_eq!(
        path(&t),
        "eni-web > sg-web > acl-a-default > rtb-pub > igw-a > acl-a-default > sg-web > eni-web"
    );
    let igw = t
        .hops
        .iter()
        .find(|h| h.component == "igw-a" && h.leg == Leg::Forward)
        .unwrap();
    assert_eq!(igw.action, Action::Translate);
    assert_eq!(igw.header_in.src.to_string(), "10.0.0.10");
    assert_eq!(igw.header_out.src.to_string(), "198.51.100.7");
    let back = t
        .hops
        .iter()
        .find(|h| h.component == "igw-a" && h.leg == Leg::Return)
        .unwrap();
    assert_eq!(
        (
            back.header_in.dst.to_string(),
            back.header_out.dst.to_string()
        ),
        ("198.51.100.7".into(), "10.0.0.10".into())
    );
}

#[test]
fn internet_gateway_requires_a_public_ip() {
    let d = public_private();
    let t = run(&d, "i-nopub", "8.8.8.8", 443);
    assert_blocked(&t, "igw-a", "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS");
}

#[test]
fn internet_gateway_refuses_private_destinations() {
    let mut d = public_private();
    d["route_tables"][0]["routes"] = json!([{"destination": "0.0.0.0/0", "target": "igw-a"}, {"destination": "192.168.0.0/16", "target": "igw-a"}]);
    let t = run(&d, "i-web", "192.168.5.5", 443);
    assert_blocked(&t, "igw-a", "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS");
}

#[test]
fn public_ip_in_private_subnet_gives_no_internet_path() {
    // i-app gets a public IP but its subnet routes 0.0.0.0/0 to the NAT gateway, not an
    // internet gateway (R13); inbound to its public IP has no way in either.
    let mut d = public_private();
    d["instances"][1]["public_ip"] = json!("198.51.100.99");
    d["route_tables"][1]["routes"] = json!([]);
    let t = run(&d, "i-app", "8.8.8.8", 443);
    assert_blocked(&t, "rtb-priv", "NO_ROUTE_TO_DESTINATION");
}

#[test]
fn inbound_from_the_internet_maps_public_to_private() {
    // Two VPCs, each with an internet gateway: web-a reaches web-b's public IP over the
    // internet, entering through igw-b (R12).
    let d = json!({
        "vpcs": [{"id": "vpc-a", "cidr": "10.0.0.0/16"}, {"id": "vpc-b", "cidr": "10.1.0.0/16"}],
        "subnets": [{"id": "subnet-a", "vpc": "vpc-a", "cidr": "10.0.0.0/24"}, {"id": "subnet-b", "vpc": "vpc-b", "cidr": "10.1.0.0/24"}],
        "route_tables": [
            {"id": "rtb-a", "vpc": "vpc-a", "main": true, "routes": [{"destination": "0.0.0.0/0", "target": "igw-a"}]},
            {"id": "rtb-b", "vpc": "vpc-b", "main": true, "routes": [{"destination": "0.0.0.0/0", "target": "igw-b"}]}
        ],
        "internet_gateways": [{"id": "igw-a", "vpc": "vpc-a"}, {"id": "igw-b", "vpc": "vpc-b"}],
        "security_groups": [{"id": "sg-b", "vpc": "vpc-b", "ingress": [{"protocol": "tcp", "ports": 443, "cidr": "0.0.0.0/0"}]}],
        "instances": [
            {"id": "i-a", "subnet": "subnet-a", "public_ip": "198.51.100.1"},
            {"id": "i-b", "subnet": "subnet-b", "public_ip": "198.51.100.2", "security_groups": ["sg-b"]}
        ]
    });
    let t = run(&d, "i-a", "198.51.100.2", 443);
    assert_reachable(&t);
    assert!(
        forward_path(&t).ends_with("rtb-a > igw-a > igw-b > acl-b-default > sg-b > eni-b"),
        "{}",
        forward_path(&t)
    );
    // An address no interface owns is an ordinary internet host.
    let t = run(&d, "i-a", "198.51.100.3", 443);
    assert_reachable(&t);
    assert_eq!(
        t.hops
            .iter()
            .filter(|h| h.kind == Component::Internet)
            .count(),
        1
    );
}

// ---- R14-R16: NAT gateway ----------------------------------------------------------------

#[test]
fn nat_gateway_rewrites_source_and_maps_the_reply_back() {
    let d = public_private();
    let t = run(&d, "i-app", "8.8.8.8", 443);
    assert_reachable(&t);
    assert_eq!(
        forward_path(&t),
        "eni-app > sg-a-default > acl-a-default > rtb-priv > acl-a-default > nat-a > acl-a-default > rtb-pub > igw-a"
    );
    let nat = t
        .hops
        .iter()
        .find(|h| h.component == "nat-a" && h.leg == Leg::Forward)
        .unwrap();
    assert_eq!(
        (nat.header_out.src.to_string(), nat.header_out.src_port),
        ("10.0.0.5".into(), 1024)
    );
    let igw = t
        .hops
        .iter()
        .find(|h| h.component == "igw-a" && h.leg == Leg::Forward)
        .unwrap();
    assert_eq!(igw.header_out.src.to_string(), "203.0.113.5");
    let back = t
        .hops
        .iter()
        .find(|h| h.component == "nat-a" && h.leg == Leg::Return)
        .unwrap();
    assert_eq!(
        (back.header_out.dst.to_string(), back.header_out.dst_port),
        ("10.0.1.10".into(), 49152)
    );
}

#[test]
fn nat_subnet_acl_must_allow_the_full_nat_port_range() {
    // The NAT's subnet ACL admits replies only on 32768-65535; NAT gateways use 1024-65535.
    let mut d = public_private();
    d["network_acls"] = json!([{"id": "acl-pub", "vpc": "vpc-a", "subnets": ["subnet-pub"],
        "ingress": [
            {"rule": 100, "protocol": "all", "cidr": "10.0.0.0/16", "action": "allow"},
            {"rule": 110, "protocol": "tcp", "ports": "32768-65535", "cidr": "0.0.0.0/0", "action": "allow"}
        ],
        "egress": [{"rule": 100, "protocol": "all", "cidr": "0.0.0.0/0", "action": "allow"}]}]);
    let t = run(&d, "i-app", "8.8.8.8", 443);
    assert_blocked(&t, "acl-pub", "SUBNET_ACL_RESTRICTION");
    assert_eq!(t.hops.last().unwrap().leg, Leg::Return);
    assert_eq!(t.hops.last().unwrap().header_in.dst_port, 1024);
}

#[test]
fn private_nat_gateway_cannot_use_the_internet_gateway() {
    let mut d = public_private();
    d["nat_gateways"][0] = json!({"id": "nat-a", "subnet": "subnet-pub", "connectivity": "private", "private_ip": "10.0.0.5"});
    let t = run(&d, "i-app", "8.8.8.8", 443);
    assert_blocked(&t, "igw-a", "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS");
    assert!(matches!(
        t.reason(),
        Some(Reason::PrivateNatToIgw { nat, igw }) if nat == "nat-a" && igw == "igw-a"
    ));
    assert_eq!(t.blocked_component(), Some(Component::InternetGateway));
}

#[test]
fn nat_gateway_does_not_accept_inbound_connections() {
    let d = public_private();
    let t = run(&d, "i-web", "10.0.0.5", 443);
    assert_blocked(&t, "nat-a", "NO_POSSIBLE_DESTINATION");
}

#[test]
fn nat_gateway_carries_tcp_udp_icmp_only() {
    let d = public_private();
    assert_reachable(&run_proto(&d, "i-app", "8.8.8.8", Protocol::Udp, 53));
    assert_reachable(&run_proto(&d, "i-app", "8.8.8.8", Protocol::Icmp, 0));
}

#[test]
fn missing_nat_route_suggests_the_nat_gateway() {
    let mut d = public_private();
    d["route_tables"][1]["routes"] = json!([]);
    let t = run(&d, "i-app", "8.8.8.8", 443);
    assert_blocked(&t, "rtb-priv", "NO_ROUTE_TO_DESTINATION");
    let fix = t.fix().cloned().unwrap();
    assert_eq!(
        fix.edit,
        Edit::SetRoute {
            route_table: "rtb-priv".into(),
            destination: "0.0.0.0/0".into(),
            target: "nat-a".into(),
            replaces: None,
        }
    );
    assert!(fix.cli.ends_with("--nat-gateway-id nat-a"), "{}", fix.cli);
}

// ---- R17, R18: peering -------------------------------------------------------------------

/// A peered with B and with C; B and C are not peered. C also has an internet gateway, a NAT
/// gateway, a VPN and an S3 gateway endpoint.
fn hub() -> serde_json::Value {
    json!({
        "vpcs": [
            {"id": "vpc-a", "cidr": "10.0.0.0/16"},
            {"id": "vpc-b", "cidr": "10.1.0.0/16"},
            {"id": "vpc-c", "cidr": "10.2.0.0/16"}
        ],
        "subnets": [
            {"id": "subnet-a", "vpc": "vpc-a", "cidr": "10.0.0.0/24"},
            {"id": "subnet-apub", "vpc": "vpc-a", "cidr": "10.0.9.0/24"},
            {"id": "subnet-b", "vpc": "vpc-b", "cidr": "10.1.0.0/24"},
            {"id": "subnet-c", "vpc": "vpc-c", "cidr": "10.2.0.0/24"}
        ],
        "route_tables": [
            {"id": "rtb-a", "vpc": "vpc-a", "main": true, "routes": [
                {"destination": "10.1.0.0/16", "target": "pcx-ab"},
                {"destination": "10.2.0.0/16", "target": "pcx-ac"},
                {"destination": "0.0.0.0/0", "target": "nat-a"},
                {"destination": "192.168.0.0/16", "target": "vgw-a"}]},
            {"id": "rtb-apub", "vpc": "vpc-a", "subnets": ["subnet-apub"], "routes": [
                {"destination": "0.0.0.0/0", "target": "igw-a"}]},
            {"id": "rtb-b", "vpc": "vpc-b", "main": true, "routes": [
                {"destination": "10.0.0.0/16", "target": "pcx-ab"}]},
            {"id": "rtb-c", "vpc": "vpc-c", "main": true, "routes": [
                {"destination": "10.0.0.0/16", "target": "pcx-ac"}]}
        ],
        "internet_gateways": [{"id": "igw-a", "vpc": "vpc-a"}],
        "nat_gateways": [{"id": "nat-a", "subnet": "subnet-apub", "public_ip": "203.0.113.9"}],
        "vpn_gateways": [{"id": "vgw-a", "vpc": "vpc-a", "onprem_cidrs": ["192.168.0.0/16"]}],
        "endpoints": [{"id": "vpce-s3a", "vpc": "vpc-a", "service": "com.amazonaws.us-east-1.s3", "type": "gateway", "route_tables": ["rtb-a"]}],
        "peering_connections": [
            {"id": "pcx-ab", "requester": "vpc-a", "accepter": "vpc-b"},
            {"id": "pcx-ac", "requester": "vpc-a", "accepter": "vpc-c"}
        ],
        "security_groups": [
            {"id": "sg-a", "vpc": "vpc-a", "ingress": [{"protocol": "all", "cidr": "10.0.0.0/8"}]},
            {"id": "sg-b", "vpc": "vpc-b", "ingress": [{"protocol": "all", "cidr": "10.0.0.0/8"}]},
            {"id": "sg-c", "vpc": "vpc-c", "ingress": [{"protocol": "all", "cidr": "10.0.0.0/8"}]}
        ],
        "instances": [
            {"id": "i-a", "subnet": "subnet-a", "security_groups": ["sg-a"]},
            {"id": "i-b", "subnet": "subnet-b", "security_groups": ["sg-b"]},
            {"id": "i-c", "subnet": "subnet-c", "security_groups": ["sg-c"]}
        ]
    })
}

#[test]
fn peering_routes_to_an_entire_vpc_work_both_ways() {
    let d = hub();
    let t = run(&d, "i-b", "i-a", 22);
    assert_reachable(&t);
    assert_eq!(path(&t), "eni-b > sg-b > acl-b-default > rtb-b > pcx-ab > acl-a-default > sg-a > eni-a > sg-a > acl-a-default > rtb-a > pcx-ab > acl-b-default > sg-b > eni-b");
    assert_reachable(&run(&d, "i-a", "i-c", 22));
}

#[test]
fn peering_is_not_transitive() {
    // B routes C's block to pcx-ab: A's peering with C does not carry it on.
    let mut d = hub();
    d["route_tables"][2]["routes"] = json!([{"destination": "10.0.0.0/14", "target": "pcx-ab"}]);
    let t = run(&d, "i-b", "i-c", 22);
    assert_blocked(&t, "pcx-ab", "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR");
    assert!(
        matches!(
            t.reason(),
            Some(Reason::PeeringNotTransitive { pcx, peer, target, .. })
                if pcx == "pcx-ab" && peer == "vpc-a" && target == "vpc-c"
        ),
        "{:?}",
        t.reason()
    );
    // Without that route, the table itself has none, and the hint names the missing peering.
    let t = run(&hub(), "i-b", "i-c", 22);
    assert_blocked(&t, "rtb-b", "NO_ROUTE_TO_DESTINATION");
    assert!(
        matches!(
            t.reason(),
            Some(Reason::NoRoute {
                hint: Some(RouteHint::NotTransitive { vpc, via, target }),
                ..
            }) if vpc == "vpc-b" && via == "vpc-a" && target == "vpc-c"
        ),
        "{:?}",
        t.reason()
    );
}

#[test]
fn direct_peering_fixes_non_transitivity() {
    let mut d = hub();
    d["peering_connections"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "pcx-bc", "requester": "vpc-b", "accepter": "vpc-c"}));
    d["route_tables"][2]["routes"]
        .as_array_mut()
        .unwrap()
        .push(json!({"destination": "10.2.0.0/16", "target": "pcx-bc"}));
    d["route_tables"][3]["routes"]
        .as_array_mut()
        .unwrap()
        .push(json!({"destination": "10.1.0.0/16", "target": "pcx-bc"}));
    let t = run(&d, "i-b", "i-c", 22);
    assert_reachable(&t);
    assert!(path(&t).contains("pcx-bc") && !path(&t).contains("pcx-ab"));
}

fn b_defaults_to_peering(d: &mut serde_json::Value) {
    d["route_tables"][2]["routes"] = json!([
        {"destination": "10.0.0.0/16", "target": "pcx-ab"},
        {"destination": "0.0.0.0/0", "target": "pcx-ab"},
        {"destination": "192.168.0.0/16", "target": "pcx-ab"}
    ]);
}

#[test]
fn peer_cannot_use_internet_or_nat_gateway_edge_to_edge() {
    let mut d = hub();
    b_defaults_to_peering(&mut d);
    let t = run(&d, "i-b", "8.8.8.8", 443);
    assert_blocked(&t, "pcx-ab", "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR");
    assert!(
        matches!(
            t.reason(),
            Some(Reason::PeeringNoEdgeToEdge {
                edge: Edge::NatGateway | Edge::InternetGateway,
                ..
            })
        ),
        "{:?}",
        t.reason()
    );
}

#[test]
fn peer_cannot_use_vpn_edge_to_edge() {
    let mut d = hub();
    b_defaults_to_peering(&mut d);
    let t = run(&d, "i-b", "192.168.1.1", 443);
    assert_blocked(&t, "pcx-ab", "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR");
    assert!(
        matches!(
            t.reason(),
            Some(Reason::PeeringNoEdgeToEdge {
                edge: Edge::VpnOrDirectConnect,
                ..
            })
        ),
        "{:?}",
        t.reason()
    );
}

#[test]
fn peer_cannot_use_gateway_endpoint_edge_to_edge() {
    let mut d = hub();
    b_defaults_to_peering(&mut d);
    let t = run(&d, "i-b", "com.amazonaws.us-east-1.s3", 443);
    assert_blocked(&t, "pcx-ab", "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR");
    assert!(
        matches!(
            t.reason(),
            Some(Reason::PeeringNoEdgeToEdge {
                edge: Edge::GatewayEndpoint,
                ..
            })
        ),
        "{:?}",
        t.reason()
    );
    // From A itself the endpoint works.
    assert_reachable(&run(&d, "i-a", "com.amazonaws.us-east-1.s3", 443));
}

// ---- R19: overlapping peers --------------------------------------------------------------

#[test]
fn overlapping_vpcs_peering_fails() {
    let mut d = two_peered();
    d["vpcs"][1]["cidr"] = json!("10.0.0.0/16");
    d["subnets"][2]["cidr"] = json!("10.0.1.0/24");
    d["instances"][3]["private_ip"] = json!("10.0.1.20");
    // Routes into the peer would fall inside each VPC's own range, which R5 forbids anyway.
    d["route_tables"][0]["routes"] = json!([]);
    d["route_tables"][1]["routes"] = json!([]);
    let w = warnings(&d);
    assert!(
        w.iter()
            .any(|x| x.resource == "pcx-ab" && x.message.contains("R19")),
        "{w:?}"
    );
    let l = loaded(&d);
    assert_eq!(
        l.net.peerings[0].status,
        vpc_playground::model::PeeringStatus::Failed
    );
}

#[test]
fn secondary_cidr_overlap_fails_the_peering() {
    // B's primary block is unique, but its secondary block overlaps A.
    let mut d = two_peered();
    d["vpcs"][1] = json!({"id": "vpc-b", "cidrs": ["172.31.0.0/16", "10.0.128.0/17"]});
    let t = run(&d, "i-a", "i-b", 5432);
    assert_blocked(&t, "pcx-ab", "BAD_STATE_ROUTE");
    assert!(
        matches!(
            t.reason(),
            Some(Reason::Blackhole {
                why: BlackholeWhy::PeeringInactive { overlap: true, .. },
                ..
            })
        ),
        "{:?}",
        t.reason()
    );
}

#[test]
fn only_one_peering_per_vpc_pair() {
    let mut d = two_peered();
    d["peering_connections"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "pcx-ab2", "requester": "vpc-b", "accepter": "vpc-a"}));
    let errs = load_errors(&d);
    assert!(
        errs.iter()
            .any(|e| e.resource == "pcx-ab2" && e.message.contains("pcx-ab")),
        "{errs:?}"
    );
}

// ---- R20: gateway endpoints --------------------------------------------------------------

#[test]
fn gateway_endpoint_carries_tcp_and_icmp_only() {
    let d = hub();
    let t = run_proto(&d, "i-a", "com.amazonaws.us-east-1.s3", Protocol::Udp, 443);
    assert_blocked(&t, "vpce-s3a", "VPCE_GATEWAY_PROTOCOL_RESTRICTION");
}

#[test]
fn gateway_endpoint_works_only_from_associated_route_tables() {
    // subnet-apub's table is not associated with the endpoint: S3 goes out via the IGW, and
    // the instance has no public IP.
    let d = hub();
    let l = loaded(&d);
    let _ = l;
    let mut d2 = d.clone();
    d2["instances"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "i-apub", "subnet": "subnet-apub", "security_groups": ["sg-a"]}));
    let t = run(&d2, "i-apub", "com.amazonaws.us-east-1.s3", 443);
    assert_blocked(&t, "igw-a", "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS");
    // With no default route at all, the fix is to associate the endpoint.
    d2["route_tables"][1]["routes"] = json!([]);
    let t = run(&d2, "i-apub", "com.amazonaws.us-east-1.s3", 443);
    assert_blocked(&t, "rtb-apub", "NO_ROUTE_TO_DESTINATION");
    assert_eq!(
        t.fix().cloned().unwrap().edit,
        Edit::SetEndpointTable {
            endpoint: "vpce-s3a".into(),
            route_table: "rtb-apub".into(),
            associated: true,
        }
    );
}

#[test]
fn gateway_endpoint_of_another_service_type_is_rejected() {
    let mut d = hub();
    d["endpoints"] = json!([{"id": "vpce-sqs", "vpc": "vpc-a", "service": "com.amazonaws.us-east-1.sqs", "type": "gateway"}]);
    let errs = load_errors(&d);
    assert!(
        errs.iter()
            .any(|e| e.resource == "vpce-sqs" && e.field == "type"),
        "{errs:?}"
    );
}

// ---- R21: interface endpoints ------------------------------------------------------------

fn with_interface_endpoint(private_dns: bool, sg_open: bool) -> serde_json::Value {
    let mut d = hub();
    let sg_rules = if sg_open {
        json!([{"protocol": "tcp", "ports": 443, "cidr": "10.0.0.0/8"}])
    } else {
        json!([])
    };
    d["security_groups"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "sg-e", "vpc": "vpc-a", "ingress": sg_rules}));
    d["endpoints"].as_array_mut().unwrap().push(json!({
        "id": "vpce-sqs", "vpc": "vpc-a", "service": "com.amazonaws.us-east-1.sqs", "type": "interface",
        "subnets": ["subnet-a"], "security_groups": ["sg-e"], "private_dns": private_dns}));
    d
}

#[test]
fn interface_endpoint_is_reached_by_private_dns() {
    let d = with_interface_endpoint(true, true);
    let t = run(&d, "i-a", "com.amazonaws.us-east-1.sqs", 443);
    assert_reachable(&t);
    assert_eq!(
        forward_path(&t),
        "eni-a > sg-a > eni-sqs-1 > sg-e > eni-sqs-1 > vpce-sqs"
            .replace("eni-sqs-1 > sg-e > eni-sqs-1", "sg-e > eni-sqs-1")
    );
    assert!(t.flow.destination.contains("private DNS"));
}

#[test]
fn interface_endpoint_security_group_blocks_until_fixed() {
    let d = with_interface_endpoint(true, false);
    let t = run(&d, "i-a", "com.amazonaws.us-east-1.sqs", 443);
    assert_blocked(&t, "sg-e", "SG_HAS_NO_RULES");
    assert!(
        matches!(t.fix().cloned().unwrap().edit, Edit::AddSecurityGroupRule { ref group, .. } if group == "sg-e")
    );
}

#[test]
fn interface_endpoint_without_private_dns_leaves_the_name_public() {
    let d = with_interface_endpoint(false, true);
    let t = run(&d, "i-a", "com.amazonaws.us-east-1.sqs", 443);
    // The name resolves to the public service: the packet takes the NAT gateway.
    assert_reachable(&t);
    assert!(
        path(&t).contains("nat-a") && !path(&t).contains("vpce-sqs"),
        "{}",
        path(&t)
    );
}

#[test]
fn interface_endpoint_is_reachable_from_a_peered_vpc() {
    let d = with_interface_endpoint(true, true);
    let l = loaded(&d);
    let ip = l
        .net
        .enis
        .iter()
        .find(|e| e.id == "eni-sqs-1")
        .unwrap()
        .private_ip
        .to_string();
    let t = run(&d, "i-b", &ip, 443);
    assert_reachable(&t);
    assert!(
        forward_path(&t).ends_with("pcx-ab > acl-a-default > sg-e > eni-sqs-1 > vpce-sqs"),
        "{}",
        forward_path(&t)
    );
}

#[test]
fn interface_endpoint_never_starts_connections() {
    let d = with_interface_endpoint(true, true);
    let t = run(&d, "eni-sqs-1", "i-a", 443);
    assert_blocked(&t, "vpce-sqs", "VPCE_INTRA_VPC_TRAFFIC");
}

// ---- R24: source/destination check -------------------------------------------------------

fn appliance(check: bool) -> serde_json::Value {
    let mut d = two_peered();
    d["subnets"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "subnet-fw", "vpc": "vpc-a", "cidr": "10.0.3.0/24"}));
    d["instances"].as_array_mut().unwrap().push(json!({"id": "i-fw", "subnet": "subnet-fw", "security_groups": ["sg-a"], "source_dest_check": check}));
    d["route_tables"][0]["routes"] = json!([{"destination": "172.31.0.0/16", "target": "i-fw"}]);
    d["route_tables"].as_array_mut().unwrap().push(
        json!({"id": "rtb-fw", "vpc": "vpc-a", "subnets": ["subnet-fw"],
        "routes": [{"destination": "172.31.0.0/16", "target": "pcx-ab"}]}),
    );
    d
}

#[test]
fn appliance_with_source_dest_check_drops_forwarded_traffic() {
    let t = run(&appliance(true), "i-a", "i-b", 5432);
    assert_blocked(&t, "eni-fw", "ENI_SOURCE_DEST_CHECK_RESTRICTION");
    assert_eq!(
        t.fix().cloned().unwrap().edit,
        Edit::DisableSourceDestCheck {
            interface: "eni-fw".into()
        }
    );
}

#[test]
fn appliance_without_source_dest_check_forwards() {
    let t = run(&appliance(false), "i-a", "i-b", 5432);
    assert_reachable(&t);
    assert!(
        forward_path(&t).contains(
            "rtb-a > acl-a-default > sg-a > eni-fw > sg-a > acl-a-default > rtb-fw > pcx-ab"
        ),
        "{}",
        forward_path(&t)
    );
}

#[test]
fn routing_loop_ends_with_no_path() {
    // Two appliances route the destination to each other forever.
    let mut d = appliance(false);
    d["instances"].as_array_mut().unwrap().push(json!({"id": "i-fw2", "subnet": "subnet-a2", "security_groups": ["sg-a"], "source_dest_check": false}));
    d["route_tables"][0]["subnets"] = json!(["subnet-a"]);
    d["route_tables"].as_array_mut().unwrap().push(
        json!({"id": "rtb-a2", "vpc": "vpc-a", "subnets": ["subnet-a2"],
        "routes": [{"destination": "172.31.0.0/16", "target": "i-fw"}]}),
    );
    d["route_tables"][2]["routes"] = json!([{"destination": "172.31.0.0/16", "target": "i-fw2"}]);
    let t = run(&d, "i-a", "i-b", 5432);
    assert!(!t.reachable());
    assert_eq!(t.explanation_code().unwrap().as_str(), "NO_PATH");
    assert!(t.hops.len() < 200);
}

// ---- R26: hop reports --------------------------------------------------------------------

#[test]
fn every_hop_reports_headers_and_deciding_rule() {
    let t = run(&two_peered(), "i-a", "i-b", 5432);
    assert_reachable(&t);
    for h in &t.hops {
        match h.kind {
            Component::SecurityGroup | Component::NetworkAcl if h.leg == Leg::Forward => {
                assert!(h.rule.is_some(), "{h:?}")
            }
            Component::RouteTable => assert!(
                h.route.as_ref().and_then(|r| r.matched.as_ref()).is_some(),
                "{h:?}"
            ),
            _ => {}
        }
    }
    let first = &t.hops[0];
    assert_eq!(
        (first.header_in.src_port, first.header_in.dst_port),
        (49152, 5432)
    );
    let last = t.hops.last().unwrap();
    assert_eq!(
        (last.leg, last.header_in.src_port, last.header_in.dst_port),
        (Leg::Return, 5432, 49152)
    );
}

// ---- flows from outside the VPCs ---------------------------------------------------------

#[test]
fn internet_host_reaches_web_server_through_its_public_ip() {
    let d = public_private();
    let t = run(&d, "203.0.113.200", "i-web", 443);
    assert_reachable(&t);
    assert_eq!(t.flow.destination_ip.to_string(), "198.51.100.7");
    assert_eq!(
        path(&t),
        "igw-a > acl-a-default > sg-web > eni-web > sg-web > acl-a-default > rtb-pub > igw-a"
    );
    // A private instance has no public address: the internet cannot reach it.
    let t = run(&d, "203.0.113.200", "i-app", 443);
    assert!(!t.reachable());
}

#[test]
fn vpn_reaches_interface_endpoint_but_not_gateway_endpoint() {
    // On-premises 192.168.0.0/16 behind vgw-a; A has an S3 gateway endpoint and an SQS
    // interface endpoint; A's table routes the corporate network to the VGW.
    let mut d = with_interface_endpoint(true, true);
    let t = run(&d, "192.168.1.10", "eni-sqs-1", 443);
    assert_blocked(&t, "sg-e", "ENI_SG_RULES_MISMATCH");
    d["security_groups"][3]["ingress"]
        .as_array_mut()
        .unwrap()
        .push(json!({"protocol": "tcp", "ports": 443, "cidr": "192.168.0.0/16"}));
    let l = loaded(&d);
    let ip = l
        .net
        .enis
        .iter()
        .find(|e| e.id == "eni-sqs-1")
        .unwrap()
        .private_ip
        .to_string();
    let t = run(&d, "192.168.1.10", &ip, 443);
    assert_reachable(&t);
    assert_eq!(path(&t), "vgw-a > acl-a-default > sg-e > eni-sqs-1 > vpce-sqs > sg-e > acl-a-default > rtb-a > vgw-a");
    let t = run(&d, "192.168.1.10", "com.amazonaws.us-east-1.s3", 443);
    assert_blocked(&t, "vgw-a", "NO_ROUTE_TO_DESTINATION");
    assert!(
        matches!(
            t.reason(),
            Some(Reason::OnPremToGatewayEndpoint { vgw, .. }) if vgw == "vgw-a"
        ),
        "{:?}",
        t.reason()
    );
    // Nor can the corporate network use the VPC's internet access (R18).
    let t = run(&d, "192.168.1.10", "8.8.8.8", 443);
    assert_blocked(&t, "vgw-a", "NO_ROUTE_TO_DESTINATION");
}

// ---- R22: endpoint, bucket and role policies ---------------------------------------------

/// The private subnet reaches S3 through vpce-s3, whose policy allows only the reports bucket;
/// the reports bucket denies any request that does not come through vpce-s3.
fn policies() -> serde_json::Value {
    let mut d = public_private();
    d["endpoints"] = json!([{"id": "vpce-s3", "vpc": "vpc-a", "service": "com.amazonaws.us-east-1.s3",
        "type": "gateway", "route_tables": ["rtb-priv"],
        "policy": {"Statement": [{"Sid": "ReportsOnly", "Effect": "Allow", "Principal": "*",
            "Action": "s3:*", "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]}]}}]);
    d["buckets"] = json!([{"name": "reports", "policy": {"Statement": [{"Sid": "OnlyThroughTheEndpoint",
        "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::reports/*",
        "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-s3"}}}]}}]);
    d
}

fn run_request(
    d: &serde_json::Value,
    from: &str,
    action: &str,
    resource: &str,
) -> vpc_playground::Trace {
    let l = loaded(d);
    let req = vpc_playground::policy::Request {
        action: action.into(),
        resource: resource.into(),
    };
    let flow = vpc_playground::FlowSpec {
        from: from.into(),
        to: "com.amazonaws.us-east-1.s3".into(),
        protocol: Protocol::Tcp,
        port: 443,
    };
    vpc_playground::trace_request(&l, &flow, Some(&req)).unwrap()
}

#[test]
fn endpoint_policy_denies_what_it_does_not_name() {
    let d = policies();
    let t = run_request(&d, "i-app", "s3:GetObject", "arn:aws:s3:::reports/q3.csv");
    assert_reachable(&t);
    assert!(path(&t).contains("vpce-s3 > reports"), "{}", path(&t));
    let t = run_request(&d, "i-app", "s3:GetObject", "arn:aws:s3:::other-bucket/x");
    assert_blocked(&t, "vpce-s3", "VPCE_POLICY_DENIED");
    // Without a request, the network path alone is traced and reachable.
    assert_reachable(&run(&d, "i-app", "com.amazonaws.us-east-1.s3", 443));
}

#[test]
fn bucket_policy_source_vpce_condition_denies_other_paths() {
    // i-web reaches S3 over the internet gateway (its subnet is not associated with the
    // endpoint), so aws:SourceVpce is absent and the bucket's deny applies.
    let d = policies();
    let t = run_request(&d, "i-web", "s3:GetObject", "arn:aws:s3:::reports/q3.csv");
    assert_blocked(&t, "reports", "RESOURCE_POLICY_DENIED");
    assert!(forward_path(&t).contains("igw-a"), "{}", forward_path(&t));
}

#[test]
fn endpoint_policy_does_not_override_role_policy() {
    // The endpoint allows the request, but the instance's role denies it: the effective
    // permission is the intersection.
    let mut d = policies();
    d["instances"][1]["role_policy"] =
        json!({"Statement": [{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}]});
    let t = run_request(&d, "i-app", "s3:GetObject", "arn:aws:s3:::reports/q3.csv");
    assert_blocked(&t, "i-app", "IDENTITY_POLICY_DENIED");
    assert!(matches!(
        t.reason(),
        Some(Reason::RolePolicyDenied {
            instance,
            statement: Some(_),
            ..
        }) if instance == "i-app"
    ));
    assert_eq!(t.blocked_component(), Some(Component::RolePolicy));
}

// ---- asymmetric paths and shared edges (review findings) ----------------------------------

fn data(name: &str) -> serde_json::Value {
    let path = format!(
        "{}/tests/data/asymmetric/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn reply_rewritten_by_a_nat_gateway_is_discarded_by_the_client() {
    // i-web has a public IP, but its subnet's default route is a NAT gateway (R13): the
    // request comes in through the IGW, the reply leaves through the NAT with its address.
    let t = run(&data("public-ip-behind-nat.json"), "8.8.8.8", "i-web", 443);
    assert_blocked(&t, "nat-a", "NO_PATH");
    assert!(
        matches!(
            t.reason(),
            Some(Reason::AsymmetricReply { rewriter, expected_port: 443, .. }) if rewriter == "nat-a"
        ),
        "{:?}",
        t.reason()
    );
}

#[test]
fn appliance_in_front_of_nat_gateway_and_gateway_endpoint_is_allowed() {
    // private subnet -> firewall ENI (check off) -> NAT gateway / S3 gateway endpoint: the
    // source is inside the VPC, so R16 and R20 do not apply.
    let d = data("appliance-before-nat.json");
    let t = run(&d, "i-app", "8.8.8.8", 443);
    assert_reachable(&t);
    assert!(
        forward_path(&t).contains("eni-fw") && forward_path(&t).contains("nat-a"),
        "{}",
        forward_path(&t)
    );
    assert_reachable(&run(&d, "i-app", "com.amazonaws.us-east-1.s3", 443));
}

#[test]
fn reply_through_an_appliance_that_never_saw_the_request_is_a_new_flow() {
    let t = run(&data("asymmetric-appliance.json"), "i-app", "i-db", 5432);
    assert_blocked(&t, "sg-fw", "ENI_SG_RULES_MISMATCH");
    assert_eq!(t.hops.last().unwrap().leg, Leg::Return);
    assert!(
        matches!(
            t.reason(),
            Some(Reason::SgNoRule {
                untracked_reply: true,
                ..
            })
        ),
        "{:?}",
        t.reason()
    );
    assert!(t.fix().is_none());
}

#[test]
fn corporate_network_enters_through_the_destination_vpc_gateway() {
    // vgw-a and vgw-b both lead to 192.168.0.0/16.
    let d = data("shared-corporate-network.json");
    let t = run(&d, "192.168.1.5", "i-b", 22);
    assert_reachable(&t);
    assert!(path(&t).starts_with("vgw-b"), "{}", path(&t));
    assert!(path(&run(&d, "192.168.1.5", "i-a", 22)).starts_with("vgw-a"));
}
