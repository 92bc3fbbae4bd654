//! Flows through the transit gateways of the real snapshots in `shared/aws-snapshots/`
//! (Batfish's public test data, issue 10). Each expected answer follows from the files and the
//! AWS pages cited in `docs/aws-notes.md` ("Transit gateways"); the reasoning is in comments.

use std::path::PathBuf;
use vpc_playground::load::{load, InputFile};
use vpc_playground::validate::Severity;
use vpc_playground::{trace, FlowSpec, Trace};

fn snapshot(name: &str) -> vpc_playground::load::Loaded {
    snapshot_edited(name, |_, text| text)
}

/// A snapshot whose files pass through `edit` (file path, text) before loading: the real
/// shapes, with one fact changed.
fn snapshot_edited(name: &str, edit: fn(&str, String) -> String) -> vpc_playground::load::Loaded {
    snapshot_with(name, edit, &[])
}

/// A snapshot, edited, with `extra` files (name, text) loaded beside its own.
fn snapshot_with(
    name: &str,
    edit: fn(&str, String) -> String,
    extra: &[(&str, &str)],
) -> vpc_playground::load::Loaded {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/aws-snapshots")
        .join(name);
    let mut files: Vec<(String, String)> = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "json") {
                let path = p.display().to_string();
                let text = edit(&path, std::fs::read_to_string(&p).unwrap());
                files.push((path, text));
            }
        }
    }
    files.sort();
    files.extend(extra.iter().map(|(n, t)| (n.to_string(), t.to_string())));
    let inputs: Vec<InputFile> = files
        .iter()
        .map(|(n, t)| InputFile { name: n, text: t })
        .collect();
    let l = load(&inputs).unwrap_or_else(|e| panic!("{name}: {e}"));
    // The gateways are modelled: nothing about them is reported unsupported any more.
    for d in &l.diagnostics {
        let tgw = d.message.contains("tgw-") || d.field.contains("TransitGateway");
        let dx = d.message.contains("direct-connect-gateway");
        assert!(
            !(tgw && d.severity == Severity::Unsupported && !dx),
            "{name}: {d:?}"
        );
    }
    l
}

fn run(l: &vpc_playground::load::Loaded, from: &str, to: &str) -> Trace {
    let flow = FlowSpec::from_parts(from, to, Some("tcp"), Some(22)).unwrap();
    trace(l, &flow).unwrap_or_else(|e| panic!("{from} -> {to}: {e}"))
}

fn tgw_hops(t: &Trace) -> Vec<&str> {
    t.hops
        .iter()
        .filter(|h| h.component.starts_with("tgw-"))
        .map(|h| h.component.as_str())
        .collect()
}

#[test]
fn transit_gateway_snapshot_reaches_across_and_hits_the_az_restriction() {
    // VPC A (10.10/16) has subnets in us-east-2a and us-east-2c; its attachment names only the
    // 2c subnet. VPC B (192.168/16) is attached in 2b. The default table has both VPCs'
    // CIDRs propagated, and both VPC tables route the other's block to the gateway.
    let l = snapshot("batfish-test-transit-gateway");
    assert_eq!(l.net.transit_gateways.len(), 1);
    // From 2c: enters by the 2c attachment subnet, reaches B, and B's reply comes back.
    let t = run(&l, "i-06ba034d88c84ef07", "i-0b14080af811fda3d");
    assert!(t.reachable(), "{}", t.explanation);
    assert_eq!(
        tgw_hops(&t)[..3],
        [
            "tgw-attach-07f5ec59e9f540021",
            "tgw-rtb-0fa40c8df355dce6e",
            "tgw-attach-0ae2696617bb06fb4"
        ]
    );
    // From 2a: no attachment subnet in that zone [TVA].
    let t = run(&l, "i-075e846ed41670385", "i-0b14080af811fda3d");
    assert_eq!(t.blocked_at(), Some("tgw-attach-07f5ec59e9f540021"));
    assert_eq!(
        t.explanation_code().unwrap().as_str(),
        "TGW_ROUTE_AZ_RESTRICTION"
    );
}

#[test]
fn multi_table_snapshot_routes_each_way_by_its_own_table() {
    // A's attachment is associated with the default table, into which B propagates; B's with
    // "rt B", into which A propagates [TRT]: each direction has its route.
    let l = snapshot("batfish-test-transit-gateway-multi-table");
    let t = run(&l, "i-06ba034d88c84ef07", "i-0b14080af811fda3d");
    assert!(t.reachable(), "{}", t.explanation);
    let tables: Vec<&str> = tgw_hops(&t)
        .into_iter()
        .filter(|h| h.starts_with("tgw-rtb-"))
        .collect();
    assert_eq!(
        tables,
        ["tgw-rtb-0fa40c8df355dce6e", "tgw-rtb-096a7119299ab1c42"]
    );
}

#[test]
fn multi_account_snapshot_joins_vpcs_of_two_accounts() {
    // The gateway is owned by 028403472736 and shared; 951601349076's VPC is attached to it.
    // Both attachments are associated with the owner's table, into which both propagate.
    let l = snapshot("batfish-test-transit-gateway-multi-account");
    assert_eq!(l.net.transit_gateways.len(), 1, "the shared gateway, once");
    for (a, b) in [
        ("i-0bdf35d561be3d962", "i-03df168b3f73cc262"),
        ("i-03df168b3f73cc262", "i-0bdf35d561be3d962"),
    ] {
        let t = run(&l, a, b);
        assert!(t.reachable(), "{a} -> {b}: {}", t.explanation);
    }
}

#[test]
fn peering_snapshot_carries_one_way_but_the_accepter_side_lacks_the_route_back() {
    // East gateway (account 732168539940): bat (10.10/16) is associated with tgw-rtb-05d2...,
    // which holds only bat's propagated 10.10/16; bat2 (10.20/16) with tgw-rtb-018a..., which
    // has the static 192.168/16 -> peering attachment. The peering attachment is associated
    // with tgw-rtb-05d2... on the east side. West (804819755326): fish (192.168/16) and the
    // peering attachment use tgw-rtb-00be..., with fish propagated and 10.20/16 -> peering.
    let l = snapshot("batfish-test-transit-gateway-peering");
    assert_eq!(l.net.transit_gateways.len(), 2);
    // bat2 -> fish: out by the static route across the peering attachment [TPEER], into fish.
    // fish's reply crosses back, and east routes it by the peering attachment's table,
    // tgw-rtb-05d2..., which has no route to 10.20/16: dropped on the return leg.
    let t = run(&l, "i-05e25e43074216229", "i-0afb0a59f6bf36397");
    assert_eq!(t.blocked_at(), Some("tgw-rtb-05d2952671d1f460a"));
    assert_eq!(
        t.explanation_code().unwrap().as_str(),
        "TGW_RTB_NO_ROUTE_TO_TGW_ATTACHMENT"
    );
    let fwd: Vec<&str> = t
        .hops
        .iter()
        .filter(|h| {
            h.leg == vpc_playground::forward::Leg::Forward && h.component.starts_with("tgw-")
        })
        .map(|h| h.component.as_str())
        .collect();
    assert_eq!(
        fwd,
        [
            "tgw-attach-02ff0f113900dd06d",
            "tgw-rtb-018a5e572ec3088d1",
            "tgw-attach-012e5d602f859dd80",
            "tgw-rtb-00be87593fb2cd0ae",
            "tgw-attach-075ea06a59d3212af"
        ]
    );
    // bat -> fish: bat's table tgw-rtb-05d2... has no route to 192.168/16 at all.
    let t = run(&l, "i-08f3abb6471637c66", "i-0afb0a59f6bf36397");
    assert_eq!(t.blocked_at(), Some("tgw-rtb-05d2952671d1f460a"));
    assert_eq!(
        t.hops.last().unwrap().leg,
        vpc_playground::forward::Leg::Forward
    );
}

#[test]
fn asymmetric_paths_snapshot_goes_by_one_gateway_and_comes_back_by_the_other() {
    // Two gateways both attach both VPCs; each VPC's table sends the other's block to a
    // different gateway, so request and reply cross different gateways. A transit gateway is a
    // stateless layer-3 router [HTW] and the security groups at the two instances see both
    // directions, so the flow works both ways (only a stateful appliance in the path would
    // need symmetry [TASYM]).
    let l = snapshot("batfish-test-transit-gateway-asymmetric-paths");
    assert_eq!(l.net.transit_gateways.len(), 2);
    for (a, b) in [
        ("i-04bbbcaefdd1937f9", "i-0973ce90749865a7f"),
        ("i-0973ce90749865a7f", "i-04bbbcaefdd1937f9"),
    ] {
        let t = run(&l, a, b);
        assert!(t.reachable(), "{a} -> {b}: {}", t.explanation);
        let tables = |leg| {
            t.hops
                .iter()
                .filter(|h| h.leg == leg && h.component.starts_with("tgw-rtb-"))
                .map(|h| h.component.clone())
                .collect::<Vec<_>>()
        };
        let (fwd, back) = (
            tables(vpc_playground::forward::Leg::Forward),
            tables(vpc_playground::forward::Leg::Return),
        );
        assert_eq!((fwd.len(), back.len()), (1, 1));
        assert_ne!(fwd, back, "the reply crosses the other gateway");
    }
}

#[test]
fn every_transit_gateway_snapshot_models_its_gateways() {
    // The snapshots whose describe-transit-gateways output lists gateways: each loads with
    // its gateways and tables (the two endpoint snapshots carry empty transit-gateway files).
    for (name, gws) in [
        ("batfish-test-transit-gateway", 1),
        ("batfish-test-transit-gateway-asymmetric-paths", 2),
        ("batfish-test-transit-gateway-multi-account", 1),
        ("batfish-test-transit-gateway-multi-table", 1),
        ("batfish-test-transit-gateway-peering", 2),
        ("pybatfish-hybrid-cloud", 2),
        ("batfish-test-direct-connect-gateway", 1),
    ] {
        let l = snapshot(name);
        assert_eq!(l.net.transit_gateways.len(), gws, "{name}");
        assert!(!l.net.tgw_route_tables.is_empty(), "{name}");
    }
}

#[test]
fn hybrid_cloud_snapshot_routes_between_spokes_and_says_vpn_routes_are_unknown() {
    // us-east-2: two VPCs and a BGP VPN (StaticRoutesOnly false, no static routes) attached to
    // one gateway, all propagating into one table. Between the VPCs: reachable. To
    // 203.0.113.10, which the VPC routes to the gateway: the table knows no route, and the
    // VPN's BGP routes are not in describe output (R28): TGW_RTB_ROUTES_ARE_UNKNOWN.
    let l = snapshot("pybatfish-hybrid-cloud");
    let t = run(&l, "i-01602d9efaed4409a", "i-04cd3db5124a05ee6");
    assert!(t.reachable(), "{}", t.explanation);
    let t = run(&l, "i-01602d9efaed4409a", "203.0.113.10");
    assert_eq!(t.blocked_at(), Some("tgw-rtb-00e37bc5142347b03"));
    assert_eq!(
        t.explanation_code().unwrap().as_str(),
        "TGW_RTB_ROUTES_ARE_UNKNOWN"
    );
    assert!(
        t.explanation.contains("tgw-attach-0881ce2eb93cd63a8"),
        "{}",
        t.explanation
    );
    // The VPCs of the two Regions are not joined (the peering attachment is `deleting` and
    // no VPC routes the other Region's blocks to the gateway): us-east-2's default route
    // sends 10.40.2.80 to the internet gateway, which drops private destinations (R11).
    let t = run(&l, "i-01602d9efaed4409a", "i-02cae6eaa9edeed70");
    assert_eq!(
        t.explanation_code().unwrap().as_str(),
        "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS"
    );
}

#[test]
fn a_transit_gateway_field_of_the_wrong_type_names_file_path_line_and_column() {
    // Anything from a file is untrusted: a wrong type is an error that says where, no panic.
    let text = "{\n  \"TransitGateways\": [\n    {\"TransitGatewayId\": 42}\n  ]\n}\n";
    let err = load(&[InputFile {
        name: "TransitGateways.json",
        text,
    }])
    .expect_err("a wrong type is refused");
    let shown = err.to_string();
    assert!(shown.contains("TransitGateways.json"), "{shown}");
    assert!(
        shown.contains("TransitGateways[0].TransitGatewayId"),
        "{shown}"
    );
    assert!(shown.contains("line 3"), "{shown}");
}

/// The scenario attachment `id` of the loaded files.
fn attachment_doc<'a>(
    l: &'a vpc_playground::load::Loaded,
    id: &str,
) -> &'a vpc_playground::format::tgw::TgwAttachmentDoc {
    l.doc
        .transit_gateways
        .iter()
        .flat_map(|g| &g.attachments)
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("{id} is loaded"))
}

#[test]
fn hybrid_cloud_vpn_attachment_carries_its_connection_state_and_tunnels() {
    // us-east-2: VPN connection vpn-01c45673532d3e33e names TransitGatewayId
    // tgw-06b348adabd13452d (no VpnGatewayId), is available, and VgwTelemetry reports both
    // tunnels UP; describe-transit-gateway-attachments lists its attachment
    // tgw-attach-0881ce2eb93cd63a8 (ResourceId the connection). The attachment carries those
    // facts [VPNTGW]: https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpn-attachments.html.
    let l = snapshot("pybatfish-hybrid-cloud");
    let a = attachment_doc(&l, "tgw-attach-0881ce2eb93cd63a8");
    assert_eq!(a.vpn.as_deref(), Some("vpn-01c45673532d3e33e"));
    assert_eq!(a.vpn_state, None, "available is the default");
    assert_eq!(a.tunnels, ["up", "up"]);
    // The same files with both tunnels DOWN: the attachment's connection carries nothing (R27).
    let down = snapshot_edited("pybatfish-hybrid-cloud", |path, text| {
        if path.ends_with("us-east-2/VpnConnections.json") {
            text.replace("\"Status\": \"UP\"", "\"Status\": \"DOWN\"")
        } else {
            text
        }
    });
    assert_eq!(
        attachment_doc(&down, "tgw-attach-0881ce2eb93cd63a8").tunnels,
        ["down", "down"]
    );
    let link = down
        .net
        .tgw_attachments
        .iter()
        .find(|a| a.id == "tgw-attach-0881ce2eb93cd63a8")
        .and_then(|a| match &a.kind {
            vpc_playground::model::TgwAttachmentKind::Vpn { link, .. } => Some(link.clone()),
            _ => None,
        })
        .expect("a VPN attachment");
    assert!(link.tunnels_down() && !link.usable());
}

/// get-transit-gateway-prefix-list-references output for the transit-gateway snapshot's one
/// table: a blackhole reference to `pl-0b000000000000001`.
const PL_REFS: &str = r#"{"TransitGatewayPrefixListReferences": [{
    "TransitGatewayRouteTableId": "tgw-rtb-0fa40c8df355dce6e",
    "PrefixListId": "pl-0b000000000000001", "PrefixListOwnerId": "123456789012",
    "State": "available", "Blackhole": true}]}"#;

#[test]
fn prefix_list_references_from_aws_output_route_each_entry() {
    // The snapshot has no prefix-list references (none of the 23 does), so one is added beside
    // its files, with describe-managed-prefix-lists output whose Entries (as collectors add them
    // from get-managed-prefix-list-entries) hold B's instance address. The reference drops it
    // as blackhole, and a /32 beats B's propagated /16 [TPL]:
    // https://docs.aws.amazon.com/vpc/latest/tgw/create-prefix-list-reference.html.
    let lists = r#"{"ManagedPrefixLists": [{"PrefixListId": "pl-0b000000000000001",
        "PrefixListName": "quarantine", "AddressFamily": "IPv4",
        "Entries": [{"Cidr": "192.168.1.106/32"}]}]}"#;
    let l = snapshot_with(
        "batfish-test-transit-gateway",
        |_, t| t,
        &[("PrefixLists-extra.json", lists), ("PlRefs.json", PL_REFS)],
    );
    let t = run(&l, "i-06ba034d88c84ef07", "i-0b14080af811fda3d");
    assert_eq!(
        t.blocked_at(),
        Some("tgw-rtb-0fa40c8df355dce6e"),
        "{}",
        t.explanation
    );
    assert_eq!(
        t.explanation_code().unwrap().as_str(),
        "TGW_RTB_BAD_STATE_ROUTE"
    );
    assert!(
        t.explanation.contains("pl-0b000000000000001"),
        "{}",
        t.explanation
    );

    // Without the entries, the reference adds no routes and the notes say why.
    let bare = r#"{"ManagedPrefixLists": [{"PrefixListId": "pl-0b000000000000001",
        "PrefixListName": "quarantine", "AddressFamily": "IPv4"}]}"#;
    let l = snapshot_with(
        "batfish-test-transit-gateway",
        |_, t| t,
        &[("PrefixLists-extra.json", bare), ("PlRefs.json", PL_REFS)],
    );
    assert!(
        l.diagnostics
            .iter()
            .any(|d| d.resource == "tgw-rtb-0fa40c8df355dce6e"
                && d.message
                    .contains("entries of prefix list pl-0b000000000000001 are not in the files")),
        "{:?}",
        l.diagnostics
    );
    assert!(run(&l, "i-06ba034d88c84ef07", "i-0b14080af811fda3d").reachable());

    // Without the list at all, the reference is left out with a note that names what to add.
    let l = snapshot_with(
        "batfish-test-transit-gateway",
        |_, t| t,
        &[("PlRefs.json", PL_REFS)],
    );
    assert!(
        l.diagnostics
            .iter()
            .any(|d| d.resource == "tgw-rtb-0fa40c8df355dce6e"
                && d.field == "TransitGatewayPrefixListReferences[0]"
                && d.message.contains("the list is not in the input")),
        "{:?}",
        l.diagnostics
    );
    assert!(run(&l, "i-06ba034d88c84ef07", "i-0b14080af811fda3d").reachable());

    // A record without its list is left out with a note that says where and what; one whose
    // list is of the wrong type is a load error that names the file, line and column, as in
    // every other record: anything from a file is untrusted, and neither panics.
    let odd = r#"{"TransitGatewayPrefixListReferences": [
        {"TransitGatewayRouteTableId": "tgw-rtb-0fa40c8df355dce6e"}]}"#;
    let l = snapshot_with(
        "batfish-test-transit-gateway",
        |_, t| t,
        &[("PlRefs.json", odd)],
    );
    assert!(
        l.diagnostics
            .iter()
            .any(|d| d.field == "TransitGatewayPrefixListReferences[0]"
                && d.message
                    .contains("needs TransitGatewayRouteTableId and PrefixListId")),
        "{:?}",
        l.diagnostics
    );
    let wrong = r#"{"TransitGatewayPrefixListReferences": [
        {"TransitGatewayRouteTableId": "tgw-rtb-0fa40c8df355dce6e", "PrefixListId": 7}]}"#;
    let err = load(&[InputFile {
        name: "PlRefs.json",
        text: wrong,
    }])
    .expect_err("a list id of the wrong type");
    let msg = err.to_string();
    assert!(
        msg.contains("PlRefs.json") && msg.contains("expected a string") && msg.contains("line 2"),
        "{msg}"
    );
}

#[test]
fn direct_connect_gateway_attachment_reaches_on_premises_on_an_assumed_bgp_prefix() {
    // tgw-dx01 has a VPC attachment (vpc-dx01, 10.100.0.0/16), a Direct Connect gateway
    // attachment tgw-attach-dx01 (ResourceType direct-connect-gateway, ResourceId the gateway
    // 7b2c4f8a-...) and a VPN attachment, all associated with and propagating into
    // tgw-rtb-dx01. A Direct Connect gateway is an attachment that propagates its routes into
    // the table dynamically (https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html,
    // https://docs.aws.amazon.com/vpc/latest/tgw/what-is-transit-gateway.html "Route propagation"),
    // so the corporate prefixes come over BGP and describe output does not list them; a trace to 172.16.0.5 goes to the Direct Connect gateway on an assumption the hop
    // states (R28); Direct Connect gateway routes come before VPN ones on an equal prefix [TORD].
    let l = snapshot("batfish-test-direct-connect-gateway");
    let t = run(&l, "i-dx01", "172.16.0.5");
    assert!(t.reachable(), "{}", t.explanation);
    assert_eq!(
        tgw_hops(&t)[..3],
        ["tgw-attach-vpc01", "tgw-rtb-dx01", "tgw-attach-dx01"]
    );
    let hop = t
        .hops
        .iter()
        .find(|h| h.component == "tgw-rtb-dx01")
        .unwrap();
    let said = vpc_playground::explain::sentence::assumption(hop.assumption.as_ref().unwrap());
    assert!(
        said.contains("Direct Connect gateway 7b2c4f8a-1234-4abc-9def-fedcba987654")
            && said.contains("contains 172.16.0.5"),
        "{said}"
    );
    assert!(t.explanation.contains("Assumed:"), "{}", t.explanation);
    assert!(l.diagnostics.iter().all(|d| !d
        .message
        .contains("direct-connect-gateway attachments are not modelled")));
}
