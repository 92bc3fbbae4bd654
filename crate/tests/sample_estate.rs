//! The four flows of shared/samples/shop-estate.json (real describe-* output), with the
//! outcomes AWS gives for them (shared/samples/README.md).

mod common;
use common::*;
use vpc_playground::explain::{Reason, RouteHint};
use vpc_playground::load::{load, Format, InputFile};
use vpc_playground::{trace, FlowSpec, Trace};

const ESTATE: &str = include_str!("data/shop-estate.json");
const APP: &str = "i-00b88aa6ed9d69bd6";
const DB: &str = "i-024998702bbed18fc";

fn flow(from: &str, to: &str, port: u16) -> Trace {
    let l = load(&[InputFile {
        name: "shop-estate.json",
        text: ESTATE,
    }])
    .expect("sample loads");
    assert_eq!(l.format, Format::Aws);
    trace(
        &l,
        &FlowSpec {
            from: from.into(),
            to: to.into(),
            protocol: vpc_playground::model::Protocol::Tcp,
            port,
        },
    )
    .expect("flow resolves")
}

#[test]
fn app_to_db_reply_has_no_route_back() {
    let t = flow(APP, DB, 5432);
    assert_blocked(&t, "rtb-0f11236929bd0b65a", "NO_ROUTE_TO_DESTINATION");
    assert!(t.path.contains(&"pcx-09ca300ea7d4783e4".to_string()));
    assert_eq!(
        t.hops.last().unwrap().leg,
        vpc_playground::forward::Leg::Return
    );
    let fix = t.fix().cloned().unwrap();
    assert_eq!(fix.cli, "aws ec2 create-route --route-table-id rtb-0f11236929bd0b65a --destination-cidr-block 10.20.0.0/16 --vpc-peering-connection-id pcx-09ca300ea7d4783e4");
}

#[test]
fn app_to_s3_uses_the_gateway_endpoint_not_the_nat() {
    let t = flow(APP, "com.amazonaws.us-east-1.s3", 443);
    assert_reachable(&t);
    assert!(
        t.path.contains(&"vpce-0fa92a9d6ae220f1a".to_string()),
        "{}",
        path(&t)
    );
    assert!(
        !t.path.contains(&"nat-053db60b6f542c8cd".to_string()),
        "{}",
        path(&t)
    );
}

#[test]
fn app_to_internet_goes_through_nat_then_igw() {
    let t = flow(APP, "198.51.100.10", 443);
    assert_reachable(&t);
    let fwd = forward_path(&t);
    let nat = fwd
        .find("nat-053db60b6f542c8cd")
        .expect("through the NAT gateway");
    let igw = fwd
        .find("igw-0a15e4560d122bbc7")
        .expect("through the internet gateway");
    assert!(nat < igw, "{fwd}");
}

#[test]
fn db_cannot_borrow_the_peer_internet_gateway() {
    let t = flow(DB, "198.51.100.10", 443);
    assert_blocked(&t, "rtb-0f11236929bd0b65a", "NO_ROUTE_TO_DESTINATION");
    assert!(
        matches!(
            t.reason(),
            Some(Reason::NoRoute {
                hint: Some(RouteHint::PeerGatewayNotShared { .. }),
                ..
            })
        ),
        "{:?}",
        t.reason()
    );
}
