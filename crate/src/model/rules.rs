//! Security-group and network-ACL rules, and the protocol and port types they match on.

use super::{PlIdx, SgIdx};
use ipnet::Ipv4Net;
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
