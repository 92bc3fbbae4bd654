//! R27: resources real describe-* output lists in states that pass nothing, and parts of an
//! estate the files do not show. Each test names the AWS page behind the rule it checks.

mod common;

use common::*;
use serde_json::json;
use vpc_playground::explain::Reason;
use vpc_playground::forward::{Component, Leg};
use vpc_playground::model::InstanceState;

/// EC2 user guide, "Stop and start Amazon EC2 instances" (how it works): "When you stop an
/// instance, it is shut down"; it keeps its private addresses and its network interfaces stay
/// attached, but nothing runs to send or answer.
/// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Stop_Start.html
#[test]
fn a_stopped_instance_answers_nothing_and_the_fix_starts_it() {
    let mut d = two_peered();
    d["instances"][3]["state"] = json!("stopped");
    let t = run(&d, "i-a", "i-b", 5432);
    assert_blocked(&t, "eni-b", "BAD_STATE");
    assert_eq!(
        t.reason(),
        Some(&Reason::InstanceNotRunning {
            instance: "i-b".into(),
            state: InstanceState::Stopped,
            sending: false,
        })
    );
    // It got as far as the instance's subnet: the routes and peering were fine.
    assert_eq!(
        forward_path(&t),
        "eni-a > sg-a > acl-a-default > rtb-a > pcx-ab > acl-b-default > eni-b"
    );
    assert!(
        t.explanation.contains("i-b is stopped"),
        "{}",
        t.explanation
    );
    let fix = t.fix().expect("a fix");
    assert_eq!(fix.cli, "aws ec2 start-instances --instance-ids i-b");
    let mut doc = loaded(&d).doc;
    vpc_playground::edit::apply(&mut doc, &fix.edit).unwrap();
    let fixed = serde_json::to_value(&doc).unwrap();
    assert_reachable(&run(&fixed, "i-a", "i-b", 5432));
}

/// The same page: a stopped instance sends nothing either. A stopping instance is not offered
/// a start (AWS refuses to start an instance until it has stopped).
#[test]
fn a_stopping_instance_sends_nothing() {
    let mut d = two_peered();
    d["instances"][0]["state"] = json!("stopping");
    let t = run(&d, "i-a", "i-b", 5432);
    assert_blocked(&t, "eni-a", "BAD_STATE");
    assert!(matches!(
        t.reason(),
        Some(Reason::InstanceNotRunning {
            state: InstanceState::Stopping,
            sending: true,
            ..
        })
    ));
    assert!(t.fix().is_none());
    assert_eq!(t.path, ["eni-a"], "nothing left the instance");
}

/// EC2 API reference, NetworkInterface `status`: "available" is an interface attached to
/// nothing (the others are attaching, in-use, detaching, associated).
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkInterface.html
#[test]
fn a_detached_interface_is_not_a_host() {
    let mut d = two_peered();
    d["network_interfaces"] = json!([
        {"id": "eni-spare", "subnet": "subnet-b", "private_ip": "172.31.1.40",
         "security_groups": ["sg-b"], "detached": true}
    ]);
    let t = run(&d, "i-a", "172.31.1.40", 5432);
    assert_blocked(&t, "eni-spare", "BAD_STATE");
    assert_eq!(
        t.reason(),
        Some(&Reason::DetachedInterface {
            interface: "eni-spare".into(),
            sending: false,
        })
    );
    // The same interface, attached (no `detached`), answers.
    d["network_interfaces"][0]
        .as_object_mut()
        .unwrap()
        .remove("detached");
    assert_reachable(&run(&d, "i-a", "172.31.1.40", 5432));
}

/// EC2 user guide, "Requester-managed network interfaces": an interface an AWS service creates
/// in the VPC on the account's behalf (an RDS DB instance, a NAT gateway, an interface
/// endpoint, a load balancer ...); its `InterfaceType` and description say which. The engine
/// traces up to it, with its security groups, and says what it does not model.
/// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/requester-managed-eni.html
#[test]
fn an_interface_of_a_load_balancer_is_labelled_for_what_it_is() {
    let mut d = two_peered();
    d["network_interfaces"] = json!([
        {"id": "eni-alb", "subnet": "subnet-b", "private_ip": "172.31.1.50",
         "security_groups": ["sg-b"], "interface_type": "load_balancer",
         "requester_managed": true, "description": "ELB app/web/50dc6c495c0c9188"}
    ]);
    let t = run(&d, "i-a", "172.31.1.50", 5432);
    assert_reachable(&t);
    let arrive = t
        .hops
        .iter()
        .find(|h| h.leg == Leg::Forward && h.component == "eni-alb")
        .expect("a hop at the load balancer's interface");
    assert_eq!(arrive.kind, Component::Eni);
    assert!(
        arrive
            .detail
            .contains("interface eni-alb of Elastic Load Balancing")
            && arrive.detail.contains("not modelled"),
        "{}",
        arrive.detail
    );
    // Its security group still decides (R9): sg-b admits 5432 only.
    let t = run(&d, "i-a", "172.31.1.50", 80);
    assert_blocked(&t, "sg-b", "ENI_SG_RULES_MISMATCH");
    let l = loaded(&d);
    let eni = l
        .net
        .enis
        .iter()
        .find(|e| e.id == "eni-alb")
        .expect("loaded");
    assert!(
        matches!(&eni.owner, vpc_playground::model::EniOwner::Service(s)
        if s.service() == "Elastic Load Balancing" && s.requester_managed)
    );
}

/// VPC peering guide, "VPC peering connection lifecycle" and describe-vpc-peering-connections:
/// a connection to another account's VPC gives that VPC's owner, Region and `CidrBlockSet`,
/// nothing else. The engine carries the packet up to that VPC and says what it cannot see.
/// https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html
#[test]
fn a_flow_into_a_vpc_of_another_account_stops_where_the_files_end() {
    let mut d = two_peered();
    d["vpcs"][1]["account"] = json!("444455556666");
    d["vpcs"][1]["known_only_from"] = json!("pcx-ab");
    // The other account's insides are not in the files.
    for key in ["instances", "security_groups"] {
        let list = d[key].as_array_mut().unwrap();
        list.retain(|v| v["id"] != "i-b" && v["id"] != "sg-b");
    }
    d["subnets"].as_array_mut().unwrap().pop();
    d["route_tables"].as_array_mut().unwrap().pop();
    let t = run(&d, "i-a", "172.31.1.20", 5432);
    assert_blocked(&t, "vpc-b", "UNKNOWN_DESTINATION");
    assert_eq!(
        t.reason(),
        Some(&Reason::BeyondTheFiles {
            pcx: "pcx-ab".into(),
            vpc: "vpc-b".into(),
            account: Some("444455556666".into()),
            dst: "172.31.1.20".parse().unwrap(),
        })
    );
    assert_eq!(
        forward_path(&t),
        "eni-a > sg-a > acl-a-default > rtb-a > pcx-ab > vpc-b"
    );
    assert!(
        t.explanation
            .contains("a VPC of account 444455556666 that is not in these files"),
        "{}",
        t.explanation
    );
    assert!(
        t.fix().is_none(),
        "no configuration change can be suggested"
    );
    let summary = vpc_playground::summary::summarize(&loaded(&d));
    let v = serde_json::to_value(&summary).unwrap();
    assert_eq!(v["vpcs"][1]["known_only_from"], "pcx-ab");
}
