//! Every lesson in www/lessons/ can be solved by the edits the page's forms make (issue 11
//! item 7: no lesson needs the raw JSON editor). Each lesson's fix is written here as the
//! edits a student makes through the route editor and the Edit panel, and must meet every
//! goal; a lesson added without such a list fails the test.

mod common;

use common::loaded;
use serde_json::Value;
use vpc_playground::edit::{apply, Edit};
use vpc_playground::format::edit::Effect;
use vpc_playground::lesson::{check_goals, lesson_of};
use vpc_playground::load::from_doc;
use vpc_playground::model::{Direction, PortRange, Protocol};

const LESSONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../www/lessons");

fn route(t: &str, d: &str, to: &str, replaces: Option<&str>) -> Edit {
    Edit::SetRoute {
        route_table: t.into(),
        destination: d.into(),
        target: to.into(),
        replaces: replaces.map(str::to_string),
    }
}

fn https_in(group: &str, cidr: &str) -> Edit {
    Edit::AddSecurityGroupRule {
        group: group.into(),
        direction: Direction::Ingress,
        protocol: Protocol::Tcp,
        ports: PortRange::single(443),
        peer: cidr.into(),
    }
}

fn s3_endpoint(vpc: &str, table: &str) -> Edit {
    Edit::CreateGatewayEndpoint {
        vpc: vpc.into(),
        service: "com.amazonaws.us-east-1.s3".into(),
        route_tables: vec![table.into()],
    }
}

/// The edits that solve a lesson, as the page's forms make them.
fn by_forms(lesson: &str) -> Option<Vec<Edit>> {
    let s = |x: &str| x.to_string();
    Some(match lesson {
        "peering-return-route" => vec![route("rtb-data", "10.0.0.0/16", "pcx-app-data", None)],
        "overlapping-cidrs" => vec![
            Edit::DeleteSubnet {
                subnet: s("subnet-analytics"),
            },
            Edit::RemoveVpcCidr {
                vpc: s("vpc-data"),
                cidr: s("10.0.128.0/17"),
            },
        ],
        "peering-not-transitive" => vec![
            Edit::CreatePeering {
                requester: s("vpc-web"),
                accepter: s("vpc-reports"),
            },
            Edit::AcceptPeering {
                peering: s("pcx-web-reports"),
            },
            route(
                "rtb-web",
                "10.2.0.0/16",
                "pcx-web-reports",
                Some("10.2.0.0/16"),
            ),
            route(
                "rtb-reports",
                "10.1.0.0/16",
                "pcx-web-reports",
                Some("10.1.0.0/16"),
            ),
        ],
        "peering-cross-region" => vec![
            Edit::DeleteRule {
                resource: s("sg-db"),
                direction: Direction::Ingress,
                index: 0,
            },
            Edit::AddSecurityGroupRule {
                group: s("sg-db"),
                direction: Direction::Ingress,
                protocol: Protocol::Tcp,
                ports: PortRange::single(5432),
                peer: s("10.0.1.0/24"),
            },
        ],
        "sg-reference-peer" => vec![Edit::AcceptPeering {
            peering: s("pcx-app-data"),
        }],
        "no-edge-to-edge" => vec![
            Edit::DeleteRoute {
                route_table: s("rtb-analytics"),
                destination: s("pl-63a5400a"),
            },
            s3_endpoint("vpc-analytics", "rtb-analytics"),
        ],
        "private-to-public-service" => vec![route("rtb-private", "0.0.0.0/0", "nat-app", None)],
        "interface-endpoint" => vec![https_in("sg-endpoint", "10.0.0.0/16")],
        "gateway-endpoint" => vec![Edit::SetEndpointTable {
            endpoint: s("vpce-s3"),
            route_table: s("rtb-private"),
            associated: true,
        }],
        "endpoint-policy" => vec![Edit::SetEndpointPolicyStatement {
            endpoint: s("vpce-s3"),
            index: 0,
            effect: Effect::Allow,
            actions: vec![s("s3:PutObject"), s("s3:GetObject")],
            resources: vec![s("arn:aws:s3:::acme-reports/*")],
        }],
        "vpn-endpoints" => vec![https_in("sg-endpoint", "192.168.0.0/16")],
        "endpoint-costs" => vec![s3_endpoint("vpc-app", "rtb-private")],
        "tgw-transitive" => vec![
            route("rtb-web", "10.2.0.0/16", "tgw-hub", Some("10.2.0.0/16")),
            route("rtb-reports", "10.1.0.0/16", "tgw-hub", Some("10.1.0.0/16")),
        ],
        "tgw-segmentation" => vec![
            Edit::AssociateTgwRouteTable {
                attachment: s("tgw-attach-prod"),
                route_table: s("tgw-rtb-prod"),
            },
            Edit::AssociateTgwRouteTable {
                attachment: s("tgw-attach-dev"),
                route_table: s("tgw-rtb-dev"),
            },
        ],
        // The busy pair moves to a peering of its own; the rest stay on the hub.
        "tgw-costs" => vec![
            Edit::CreatePeering {
                requester: s("vpc-web"),
                accepter: s("vpc-analytics"),
            },
            Edit::AcceptPeering {
                peering: s("pcx-web-analytics"),
            },
            route(
                "rtb-web",
                "10.3.0.0/16",
                "pcx-web-analytics",
                Some("10.3.0.0/16"),
            ),
            route(
                "rtb-analytics",
                "10.1.0.0/16",
                "pcx-web-analytics",
                Some("10.1.0.0/16"),
            ),
        ],
        "tgw-az" => vec![Edit::AddTgwAttachmentSubnet {
            attachment: s("tgw-attach-app"),
            subnet: s("subnet-app-tgw-b"),
        }],
        _ => return None,
    })
}

#[test]
fn every_lesson_is_solved_by_the_edits_its_forms_make() {
    let mut names: Vec<String> = std::fs::read_dir(LESSONS)
        .expect("www/lessons")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json") && n != "index.json")
        .collect();
    names.sort();
    assert!(names.len() >= 15, "{names:?}");
    for name in names {
        let id = name.trim_end_matches(".json");
        let text = std::fs::read_to_string(format!("{LESSONS}/{name}")).expect("readable");
        let v: Value = serde_json::from_str(&text).expect("JSON");
        let edits =
            by_forms(id).unwrap_or_else(|| panic!("{id}: no form-made solution written here"));
        let mut doc = loaded(&v).doc;
        for e in &edits {
            apply(&mut doc, e).unwrap_or_else(|err| panic!("{id}: {e:?}: {err}"));
        }
        let l = from_doc(doc).unwrap_or_else(|e| panic!("{id}: the edited lesson loads: {e}"));
        let lesson = lesson_of(&l).expect("a lesson").clone();
        for g in check_goals(&l, &lesson).expect("goals evaluate") {
            assert!(
                g.met,
                "{id}: \"{}\" is unmet after the form edits: {}",
                g.text, g.detail
            );
        }
    }
}
