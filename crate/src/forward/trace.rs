//! The result of a trace, as data (Batfish's Trace -> Hop shape): a disposition (reachable, or
//! dropped with the component, code, typed reason and fix) and the hops, request then reply.
//!
//! Serialised with serde for the page and `--json`. The keys are the ones the page and other
//! tools have always read (`reachable`, `path`, `blocked_at`, `explanation_code`,
//! `explanation`, `fix`, `hops`), derived from the disposition, plus the typed `reason`.

use super::RouteDecision;
use crate::explain::{Assumption, Code, Fix, Reason};
use crate::model::{Direction, Protocol};
use serde::{Serialize, Serializer};
use std::fmt;
use std::net::Ipv4Addr;

/// What a hop's component is: the one list of names (kebab-case as JSON).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Component {
    Eni,
    SecurityGroup,
    NetworkAcl,
    RouteTable,
    InternetGateway,
    NatGateway,
    Peering,
    GatewayEndpoint,
    InterfaceEndpoint,
    VpnGateway,
    Vpc,
    Subnet,
    /// An S3 bucket whose policy judged the request (R22).
    S3Bucket,
    EndpointPolicy,
    RolePolicy,
    /// Outside the estate: the internet, a public AWS service, the corporate network.
    Internet,
    AwsService,
    OnPremises,
    /// A transit gateway attachment (issue 10).
    TgwAttachment,
    /// A transit gateway route table.
    TgwRouteTable,
}

impl Component {
    /// Outside the estate: not a resource of the path.
    pub fn is_outside(self) -> bool {
        matches!(
            self,
            Component::Internet | Component::AwsService | Component::OnPremises
        )
    }

    /// A gateway a reachable flow is said to pass "through".
    pub fn is_gateway(self) -> bool {
        matches!(
            self,
            Component::InternetGateway
                | Component::NatGateway
                | Component::Peering
                | Component::GatewayEndpoint
                | Component::InterfaceEndpoint
                | Component::VpnGateway
                | Component::TgwAttachment
        )
    }
}

/// Request or reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Leg {
    Forward,
    Return,
}

/// The packet header at a hop.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Header {
    pub src: Ipv4Addr,
    pub dst: Ipv4Addr,
    pub protocol: Protocol,
    pub src_port: u16,
    pub dst_port: u16,
}

impl Header {
    /// The reply to this packet: addresses and ports swapped.
    pub fn reply(self) -> Header {
        Header {
            src: self.dst,
            dst: self.src,
            protocol: self.protocol,
            src_port: self.dst_port,
            dst_port: self.src_port,
        }
    }
}

impl fmt::Display for Header {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.protocol.has_ports() {
            write!(
                f,
                "{} {}:{} -> {}:{}",
                self.protocol, self.src, self.src_port, self.dst, self.dst_port
            )
        } else {
            write!(f, "{} {} -> {}", self.protocol, self.src, self.dst)
        }
    }
}

/// What a hop did with the packet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Sent on towards the next component.
    Forward,
    /// A rule let it pass.
    Allow,
    /// An address or port was rewritten.
    Translate,
    /// It reached its destination (or the flow's source, on the return leg).
    Deliver,
    /// It stopped here.
    Drop,
}

/// Whose rule decided a hop.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    SecurityGroup,
    NetworkAcl,
}

/// What the deciding rule did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleAction {
    Allow,
    Deny,
}

/// The security-group or ACL rule that decided a hop.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleMatch {
    pub kind: RuleKind,
    /// The group or ACL id.
    pub id: String,
    pub direction: Direction,
    /// ACL rule number; `None` for the ACL's final `*` rule and for security groups.
    pub rule_number: Option<u16>,
    /// Position in the group's rule list (security groups).
    pub index: Option<usize>,
    /// The rule as text: "allow tcp 443 from 10.0.0.0/16".
    pub text: String,
    pub action: RuleAction,
}

/// One hop.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Hop {
    pub seq: usize,
    pub leg: Leg,
    /// The id of the component (an ENI, a group, an ACL, a route table, a gateway ...).
    pub component: String,
    /// What the component is.
    pub kind: Component,
    pub vpc: Option<String>,
    pub subnet: Option<String>,
    pub action: Action,
    /// One sentence on what happened here.
    pub detail: String,
    pub header_in: Header,
    pub header_out: Header,
    pub route: Option<RouteDecision>,
    pub rule: Option<RuleMatch>,
    /// The explanation code, on a drop.
    pub code: Option<Code>,
    /// What this hop took for granted that the input cannot show (R28: a BGP prefix).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assumption: Option<Assumption>,
}

/// The flow as resolved: names turned into addresses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FlowInfo {
    pub from: String,
    pub to: String,
    /// The source interface; `None` for a flow from on premises or the internet.
    pub source_eni: Option<String>,
    pub source_ip: Ipv4Addr,
    pub destination_ip: Ipv4Addr,
    /// How `to` was resolved ("instance db-1 (i-...)", "interface endpoint vpce-... (private DNS)").
    pub destination: String,
    pub protocol: Protocol,
    pub port: u16,
}

/// Where and why a packet stopped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Drop {
    /// The id of the resource that dropped it.
    pub at: String,
    pub component: Component,
    pub code: Code,
    pub reason: Reason,
    /// The leg it was dropped on.
    pub leg: Leg,
    pub fix: Option<Fix>,
}

/// How a trace ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Disposition {
    /// A connection can be made: the request arrives and the reply comes back.
    Reachable,
    /// Boxed: a drop is large and a reachable trace carries none.
    Dropped(Box<Drop>),
}

/// The answer: whether a connection can be made, the path, and why not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trace {
    pub flow: FlowInfo,
    pub disposition: Disposition,
    /// The ids of every resource passed or judging the packet, forward then return.
    pub path: Vec<String>,
    /// The disposition in a sentence (written by `explain::sentence`).
    pub explanation: String,
    pub hops: Vec<Hop>,
}

impl Trace {
    /// The drop, if the flow is not reachable.
    pub fn drop(&self) -> Option<&Drop> {
        match &self.disposition {
            Disposition::Reachable => None,
            Disposition::Dropped(d) => Some(d.as_ref()),
        }
    }

    /// Whether a connection can be made.
    pub fn reachable(&self) -> bool {
        self.drop().is_none()
    }

    /// The id of the resource that dropped the packet.
    pub fn blocked_at(&self) -> Option<&str> {
        self.drop().map(|d| d.at.as_str())
    }

    /// The kind of component that dropped the packet.
    pub fn blocked_component(&self) -> Option<Component> {
        self.drop().map(|d| d.component)
    }

    /// The explanation code of the drop.
    pub fn explanation_code(&self) -> Option<Code> {
        self.drop().map(|d| d.code)
    }

    /// The typed reason of the drop.
    pub fn reason(&self) -> Option<&Reason> {
        self.drop().map(|d| &d.reason)
    }

    /// The suggested fix, if a configuration change would help.
    pub fn fix(&self) -> Option<&Fix> {
        self.drop().and_then(|d| d.fix.as_ref())
    }
}

/// The JSON shape of a trace: the flat keys other tools read, derived from the disposition.
#[derive(Serialize)]
struct TraceJson<'a> {
    flow: &'a FlowInfo,
    reachable: bool,
    path: &'a [String],
    blocked_at: Option<&'a str>,
    explanation_code: Option<Code>,
    explanation: &'a str,
    fix: Option<&'a Fix>,
    reason: Option<&'a Reason>,
    hops: &'a [Hop],
}

impl Serialize for Trace {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        TraceJson {
            flow: &self.flow,
            reachable: self.reachable(),
            path: &self.path,
            blocked_at: self.blocked_at(),
            explanation_code: self.explanation_code(),
            explanation: &self.explanation,
            fix: self.fix(),
            reason: self.reason(),
            hops: &self.hops,
        }
        .serialize(s)
    }
}

/// A trace's verdict alone: reachable, or where it stopped and why (its code). What
/// `trace --brief` prints and what a matrix cell holds.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Verdict {
    pub reachable: bool,
    /// The id of the resource that dropped the packet.
    pub blocked_at: Option<String>,
    /// What that resource is.
    pub component: Option<Component>,
    pub explanation_code: Option<Code>,
    /// The leg the packet was dropped on.
    pub leg: Option<Leg>,
}

impl Verdict {
    /// The verdict of a trace.
    pub fn of(t: &Trace) -> Verdict {
        let d = t.drop();
        Verdict {
            reachable: d.is_none(),
            blocked_at: d.map(|d| d.at.clone()),
            component: d.map(|d| d.component),
            explanation_code: d.map(|d| d.code),
            leg: d.map(|d| d.leg),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_serialise_as_the_page_names_them() {
        let name = |c: Component| serde_json::to_value(c).ok();
        assert_eq!(name(Component::S3Bucket), Some("s3-bucket".into()));
        assert_eq!(name(Component::Vpc), Some("vpc".into()));
        assert_eq!(name(Component::Subnet), Some("subnet".into()));
        assert_eq!(name(Component::OnPremises), Some("on-premises".into()));
        assert_eq!(name(Component::Eni), Some("eni".into()));
        assert_eq!(name(Component::VpnGateway), Some("vpn-gateway".into()));
    }
}
