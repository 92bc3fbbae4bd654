//! Security-group and network-ACL rules, and the protocol and port types they match on.

use super::{PlIdx, SgIdx};
use ipnet::Ipv4Net;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::net::Ipv4Addr;

/// An IP protocol as rules name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Protocol {
    /// `-1` in AWS: every protocol.
    All,
    Tcp,
    Udp,
    Icmp,
    /// Any other IP protocol number.
    Other(u8),
}

impl Protocol {
    /// Parses AWS's spellings: `-1`, `all`, `tcp`, `6`, `udp`, `17`, `icmp`, `1`, or a number.
    pub fn parse(s: &str) -> Option<Protocol> {
        let s = s.trim().to_ascii_lowercase();
        Some(match s.as_str() {
            "-1" | "all" | "any" => Protocol::All,
            "tcp" | "6" => Protocol::Tcp,
            "udp" | "17" => Protocol::Udp,
            "icmp" | "1" => Protocol::Icmp,
            n => Protocol::Other(n.parse().ok()?),
        })
    }

    /// Whether a rule for `self` covers a packet of protocol `p`.
    pub fn covers(self, p: Protocol) -> bool {
        self == Protocol::All || self == p
    }

    /// Whether ports mean anything for this protocol.
    pub fn has_ports(self) -> bool {
        matches!(self, Protocol::Tcp | Protocol::Udp)
    }

    /// The number AWS uses in CLI arguments (`-1`, `6`, `17`, `1`).
    pub fn number(self) -> String {
        match self {
            Protocol::All => "-1".into(),
            Protocol::Tcp => "6".into(),
            Protocol::Udp => "17".into(),
            Protocol::Icmp => "1".into(),
            Protocol::Other(n) => n.to_string(),
        }
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Protocol::All => f.write_str("all"),
            Protocol::Tcp => f.write_str("tcp"),
            Protocol::Udp => f.write_str("udp"),
            Protocol::Icmp => f.write_str("icmp"),
            Protocol::Other(n) => write!(f, "{n}"),
        }
    }
}

/// An inclusive port range; `0-65535` means all ports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PortRange {
    pub from: u16,
    pub to: u16,
}

impl PortRange {
    /// Every port.
    pub const ALL: PortRange = PortRange { from: 0, to: 65535 };

    /// One port.
    pub fn single(p: u16) -> PortRange {
        PortRange { from: p, to: p }
    }

    /// Whether `p` is in the range.
    pub fn contains(self, p: u16) -> bool {
        self.from <= p && p <= self.to
    }

    /// Parses `443`, `1024-65535`, `all` or `*`.
    pub fn parse(s: &str) -> Option<PortRange> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("all") || s == "*" {
            return Some(PortRange::ALL);
        }
        match s.split_once('-') {
            Some((a, b)) => {
                let (from, to) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
                (from <= to).then_some(PortRange { from, to })
            }
            None => s.parse().ok().map(PortRange::single),
        }
    }
}

impl fmt::Display for PortRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == PortRange::ALL {
            f.write_str("all")
        } else if self.from == self.to {
            write!(f, "{}", self.from)
        } else {
            write!(f, "{}-{}", self.from, self.to)
        }
    }
}

/// What the other end of a security-group rule is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SgPeer {
    Cidr(Ipv4Net),
    PrefixList(PlIdx),
    /// A group in this or a peered VPC (R10).
    Group(SgIdx),
    /// A group the input names but does not describe (another account, or not exported).
    UnknownGroup(String),
}

/// One security-group rule: an allow, since groups have no deny rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SgRule {
    pub protocol: Protocol,
    pub ports: PortRange,
    pub peer: SgPeer,
    pub description: String,
}

/// Allow or deny, for network ACL rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NaclAction {
    Allow,
    Deny,
}

impl NaclAction {
    /// `allow` or `deny`.
    pub fn as_str(self) -> &'static str {
        match self {
            NaclAction::Allow => "allow",
            NaclAction::Deny => "deny",
        }
    }
}

/// One numbered network ACL rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NaclRule {
    pub number: u16,
    pub protocol: Protocol,
    pub ports: PortRange,
    pub cidr: Ipv4Net,
    pub action: NaclAction,
}

impl NaclRule {
    /// Whether this rule matches a packet with the given remote address, protocol and port
    /// (the destination port for both directions, as AWS ACLs match it).
    pub fn matches(&self, remote: Ipv4Addr, proto: Protocol, port: u16) -> bool {
        self.cidr.contains(&remote)
            && self.protocol.covers(proto)
            && (!self.protocol.has_ports() || self.ports.contains(port))
    }
}

/// Ingress or egress: the side of a group or ACL a rule applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ingress,
    Egress,
}

impl Direction {
    /// `ingress` or `egress`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ingress => "ingress",
            Direction::Egress => "egress",
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A destination port named for people: "HTTPS (tcp 443)", "udp 1234", "icmp".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PortName(pub Protocol, pub u16);

impl fmt::Display for PortName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let PortName(protocol, port) = *self;
        let known = match (protocol, port) {
            (Protocol::Tcp, 22) => Some("SSH"),
            (Protocol::Tcp, 80) => Some("HTTP"),
            (Protocol::Tcp, 443) => Some("HTTPS"),
            (Protocol::Tcp, 3306) => Some("MySQL"),
            (Protocol::Tcp, 5432) => Some("PostgreSQL"),
            (Protocol::Tcp, 3389) => Some("RDP"),
            (Protocol::Udp, 53) | (Protocol::Tcp, 53) => Some("DNS"),
            _ => None,
        };
        let base = if protocol.has_ports() {
            format!("{protocol} {port}")
        } else {
            protocol.to_string()
        };
        match known {
            Some(k) => write!(f, "{k} ({base})"),
            None => f.write_str(&base),
        }
    }
}

/// A security-group rule as one line, with its peer named from the network:
/// "tcp 443 from 10.0.0.0/16".
pub struct SgRuleText<'a> {
    pub net: &'a super::Network,
    pub rule: &'a SgRule,
    pub direction: Direction,
}

impl fmt::Display for SgRuleText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (net, r) = (self.net, self.rule);
        let peer = match &r.peer {
            SgPeer::Cidr(c) => c.to_string(),
            SgPeer::PrefixList(p) => net.prefix_lists[p.i()].id.clone(),
            SgPeer::Group(g) => net.security_groups[g.i()].id.clone(),
            SgPeer::UnknownGroup(g) => g.clone(),
        };
        let prep = if self.direction == Direction::Ingress {
            "from"
        } else {
            "to"
        };
        if r.protocol.has_ports() {
            write!(f, "{} {} {prep} {peer}", r.protocol, r.ports)
        } else {
            write!(f, "{} {prep} {peer}", r.protocol)
        }
    }
}

impl fmt::Display for NaclRule {
    /// "100 allow tcp 443 0.0.0.0/0".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let action = if self.action == NaclAction::Allow {
            "allow"
        } else {
            "deny"
        };
        if self.protocol.has_ports() {
            write!(
                f,
                "{} {action} {} {} {}",
                self.number, self.protocol, self.ports, self.cidr
            )
        } else {
            write!(
                f,
                "{} {action} {} {}",
                self.number, self.protocol, self.cidr
            )
        }
    }
}

/// A security-group rule as one line: "tcp 443 from 10.0.0.0/16".
pub fn sg_rule_text(net: &super::Network, r: &SgRule, dir: Direction) -> String {
    SgRuleText {
        net,
        rule: r,
        direction: dir,
    }
    .to_string()
}

/// A network ACL rule as one line: "100 allow tcp 443 0.0.0.0/0".
pub fn nacl_rule_text(r: &NaclRule) -> String {
    r.to_string()
}

/// As JSON a protocol is its name: `tcp`, `udp`, `icmp`, `all` or a number.
impl Serialize for Protocol {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Protocol {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Protocol::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "protocol \"{text}\": use tcp, udp, icmp, all or a protocol number"
            ))
        })
    }
}

/// As JSON a port range is its text: `443`, `1024-65535` or `all`.
impl Serialize for PortRange {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PortRange {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        PortRange::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "ports \"{text}\": use a port, a range like 1024-65535, or all"
            ))
        })
    }
}
