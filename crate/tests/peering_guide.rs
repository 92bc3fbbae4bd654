//! The AWS VPC Peering Guide's example configurations [PR, PLPM], as scenario tests.

mod common;
use common::*;
use serde_json::json;
use vpc_playground::explain::Reason;

/// VPC A (172.16.0.0/16) peered with B and C, which both use 10.0.0.0/16 (they overlap each
/// other, not A, so both peerings are valid). Each of B and C has one subnet and instances.
fn a_with_overlapping_b_and_c(a_routes: serde_json::Value) -> serde_json::Value {
    json!({
        "vpcs": [
            {"id": "vpc-a", "cidr": "172.16.0.0/16"},
            {"id": "vpc-b", "cidr": "10.0.0.0/16"},
            {"id": "vpc-c", "cidr": "10.0.0.0/16"}
        ],
        "subnets": [
            {"id": "subnet-a", "vpc": "vpc-a", "cidr": "172.16.0.0/24"},
            {"id": "subnet-b", "vpc": "vpc-b", "cidr": "10.0.0.0/24"},
            {"id": "subnet-c0", "vpc": "vpc-c", "cidr": "10.0.0.0/24"},
            {"id": "subnet-c1", "vpc": "vpc-c", "cidr": "10.0.1.0/24"}
        ],
        "route_tables": [
            {"id": "rtb-a", "vpc": "vpc-a", "main": true, "routes": a_routes},
            {"id": "rtb-b", "vpc": "vpc-b", "main": true, "routes": [{"destination": "172.16.0.0/16", "target": "pcx-ab"}]},
            {"id": "rtb-c", "vpc": "vpc-c", "main": true, "routes": [{"destination": "172.16.0.0/16", "target": "pcx-ac"}]}
        ],
        "peering_connections": [
            {"id": "pcx-ab", "requester": "vpc-a", "accepter": "vpc-b"},
            {"id": "pcx-ac", "requester": "vpc-a", "accepter": "vpc-c"}
        ],
        "security_groups": [
            {"id": "sg-a", "vpc": "vpc-a", "ingress": [{"protocol": "all", "cidr": "10.0.0.0/16"}]},
            {"id": "sg-b", "vpc": "vpc-b", "ingress": [{"protocol": "all", "cidr": "172.16.0.0/16"}]},
            {"id": "sg-c", "vpc": "vpc-c", "ingress": [{"protocol": "all", "cidr": "172.16.0.0/16"}]}
        ],
        "instances": [
            {"id": "i-a", "subnet": "subnet-a", "private_ip": "172.16.0.5", "security_groups": ["sg-a"]},
            {"id": "i-b", "subnet": "subnet-b", "private_ip": "10.0.0.10", "security_groups": ["sg-b"]},
            {"id": "i-b77", "subnet": "subnet-b", "private_ip": "10.0.0.77", "security_groups": ["sg-b"]},
            {"id": "i-c", "subnet": "subnet-c0", "private_ip": "10.0.0.10", "security_groups": ["sg-c"]},
            {"id": "i-c77", "subnet": "subnet-c0", "private_ip": "10.0.0.77", "security_groups": ["sg-c"]},
            {"id": "i-c1", "subnet": "subnet-c1", "private_ip": "10.0.1.10", "security_groups": ["sg-c"]}
        ]
    })
}

#[test]
fn specific_routes_send_each_subnet_to_its_own_peer() {
    // A routes B's subnet 10.0.0.0/24 to pcx-ab and C's subnet 10.0.1.0/24 to pcx-ac.
    let d = a_with_overlapping_b_and_c(json!([
        {"destination": "10.0.0.0/24", "target": "pcx-ab"},
        {"destination": "10.0.1.0/24", "target": "pcx-ac"}
    ]));
    let t = run(&d, "i-a", "i-b", 22);
    assert_reachable(&t);
    assert!(
        path(&t).contains("rtb-a > pcx-ab > acl-b-default > sg-b > eni-b"),
        "{}",
        path(&t)
    );
    let t = run(&d, "i-a", "i-c1", 22);
    assert_reachable(&t);
    assert!(
        path(&t).contains("rtb-a > pcx-ac > acl-c-default > sg-c > eni-c1"),
        "{}",
        path(&t)
    );
}

#[test]
fn longest_prefix_match_picks_the_peer_with_the_host_route() {
    // A routes 10.0.0.0/16 to B, but 10.0.0.77/32 to C: the /32 wins for that one address.
    let d = a_with_overlapping_b_and_c(json!([
        {"destination": "10.0.0.0/16", "target": "pcx-ab"},
        {"destination": "10.0.0.77/32", "target": "pcx-ac"}
    ]));
    let t = run(&d, "i-a", "i-c77", 22);
    assert_reachable(&t);
    assert!(
        path(&t).contains("rtb-a > pcx-ac > acl-c-default > sg-c > eni-c77"),
        "{}",
        path(&t)
    );
    let route = t
        .hops
        .iter()
        .find(|h| h.component == "rtb-a")
        .unwrap()
        .route
        .clone()
        .unwrap();
    assert_eq!(route.matched.unwrap().destination, "10.0.0.77/32");
    assert_eq!(
        route.candidates[1].outcome,
        vpc_playground::forward::Outcome::ShorterPrefix
    );
    // The same address in B is now unreachable from A by name: the packet goes to C.
    let t = run(&d, "i-a", "i-b77", 22);
    assert_blocked(&t, "eni-c77", "NO_POSSIBLE_DESTINATION");
    assert!(
        matches!(
            t.reason(),
            Some(Reason::WrongInterface { wanted, .. }) if wanted == "eni-b77"
        ),
        "{:?}",
        t.reason()
    );
}

#[test]
fn reply_goes_to_the_wrong_vpc_when_peers_overlap() {
    // C's instance 10.0.0.10 opens a connection to A; A's table sends 10.0.0.0/16 to B, so the
    // reply lands on B's 10.0.0.10 (no reverse-path check), and C never gets it.
    let d = a_with_overlapping_b_and_c(json!([{"destination": "10.0.0.0/16", "target": "pcx-ab"}]));
    let t = run(&d, "i-c", "i-a", 22);
    assert_blocked(&t, "eni-b", "NO_POSSIBLE_DESTINATION");
    assert!(
        path(&t).contains("rtb-a > pcx-ab > acl-b-default > sg-b > eni-b"),
        "{}",
        path(&t)
    );
    // The fix the guide gives: a more specific route for C's subnet back over pcx-ac.
    assert!(
        t.explanation.contains("The request came over pcx-ac"),
        "{}",
        t.explanation
    );
    let fix = t.fix().expect("a fix");
    assert_eq!(
        fix.cli,
        "aws ec2 create-route --route-table-id rtb-a --destination-cidr-block 10.0.0.0/24 --vpc-peering-connection-id pcx-ac"
    );
    let mut doc = loaded(&d).doc;
    vpc_playground::edit::apply(&mut doc, &fix.edit).unwrap();
    let fixed = serde_json::to_value(&doc).unwrap();
    assert_reachable(&run(&fixed, "i-c", "i-a", 22));
}

/// [PR] "Configurations with specific routes": with overlapping peers, the replying side must
/// route each peer's subnets back over that peer's connection. Here A sends all of 10.0.0.0/16
/// to B, which has no 10.0.1.10, so C's request from its second subnet gets no answer.
/// https://docs.aws.amazon.com/vpc/latest/peering/peering-configurations-partial-access.html
#[test]
fn a_reply_sent_into_a_peer_without_the_address_names_the_route_to_add() {
    let d = a_with_overlapping_b_and_c(json!([{"destination": "10.0.0.0/16", "target": "pcx-ab"}]));
    let t = run(&d, "i-c1", "i-a", 22);
    assert_blocked(&t, "vpc-b", "NO_POSSIBLE_DESTINATION");
    assert_eq!(
        t.reason(),
        Some(&Reason::ReplyWrongPeer {
            pcx: "pcx-ab".into(),
            vpc: "vpc-b".into(),
            dst: "10.0.1.10".parse().unwrap(),
            table: Some("rtb-a".into()),
            came_over: Some("pcx-ac".into()),
        })
    );
    let fix = t.fix().expect("a fix");
    assert_eq!(
        fix.cli,
        "aws ec2 create-route --route-table-id rtb-a --destination-cidr-block 10.0.1.0/24 --vpc-peering-connection-id pcx-ac"
    );
    let mut doc = loaded(&d).doc;
    vpc_playground::edit::apply(&mut doc, &fix.edit).unwrap();
    let fixed = serde_json::to_value(&doc).unwrap();
    assert_reachable(&run(&fixed, "i-c1", "i-a", 22));
}

#[test]
fn peering_across_regions_and_accounts_routes_by_cidr() {
    // B is in another Region and account: routing is the same, but a group reference across
    // Regions never matches (R10), so B's group must name A's CIDR.
    let mut d = two_peered();
    d["vpcs"][1]["region"] = json!("eu-west-1");
    d["vpcs"][1]["account"] = json!("222222222222");
    assert_reachable(&run(&d, "i-a", "i-b", 5432));
    let l = loaded(&d);
    let s = vpc_playground::summary::summarize(&l);
    assert!(s.peering_connections[0].cross_region && s.peering_connections[0].cross_account);
}

#[test]
fn invalid_overlapping_peering_carries_nothing() {
    let mut d = two_peered();
    d["vpcs"][1]["cidr"] = json!("10.0.0.0/16");
    d["subnets"][2]["cidr"] = json!("10.0.200.0/24");
    d["instances"][3]["private_ip"] = json!("10.0.200.20");
    d["route_tables"][0]["routes"] = json!([]);
    d["route_tables"][1]["routes"] = json!([]);
    let l = loaded(&d);
    let s = vpc_playground::summary::summarize(&l);
    assert_eq!(s.peering_connections[0].status, "failed");
    // Inside A, 10.0.200.20 is A's own range: the local route finds no interface there.
    let t = run(&d, "i-a", "10.0.200.20", 5432);
    assert_blocked(&t, "vpc-a", "NO_POSSIBLE_DESTINATION");
}
