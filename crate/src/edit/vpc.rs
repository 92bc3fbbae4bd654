//! Address edits: a VPC's CIDR blocks and its subnets, refused where AWS refuses them
//! (`disassociate-vpc-cidr-block`, `delete-subnet`; see docs/aws-notes.md).

use super::{not_found, EditError, Result};
use crate::format::scenario::{ScenarioDoc, SubnetDoc, VpcDoc};
use crate::model::ids::{self, ResourceKind};
use crate::model::overlaps;
use ipnet::Ipv4Net;
use std::fmt;

/// An address edit that AWS would refuse, in words a student can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddressError {
    /// Not an IPv4 CIDR block.
    NotACidr(String),
    /// Host bits set: AWS wants the network address.
    HostBits { text: String, network: String },
    /// AWS allows VPC and subnet blocks from /16 to /28.
    Size { cidr: String, what: &'static str },
    /// The new block overlaps one the VPC or a subnet already has.
    Overlap { cidr: String, other: String },
    /// A subnet's block must lie inside one of its VPC's blocks.
    OutsideVpc {
        cidr: String,
        vpc: String,
        blocks: String,
    },
    /// The VPC has no such block.
    NoBlock { vpc: String, cidr: String },
    /// The block the VPC was created with cannot be removed.
    Primary { vpc: String, cidr: String },
    /// Subnets still use the block.
    BlockInUse { cidr: String, subnets: Vec<String> },
    /// Network interfaces (of instances, gateways, endpoints...) are still in the subnet.
    SubnetInUse { subnet: String, users: Vec<String> },
}

impl fmt::Display for AddressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use AddressError as E;
        match self {
            E::NotACidr(t) => write!(f, "\"{t}\" is not a CIDR block: write it as 10.1.0.0/16"),
            E::HostBits { text, network } => write!(
                f,
                "{text} is not where its block starts: write {network} (the same /{} block)",
                network.rsplit('/').next().unwrap_or("")
            ),
            E::Size { cidr, what } => {
                write!(f, "{cidr}: AWS allows {what} blocks from /16 (largest) to /28 (smallest)")
            }
            E::Overlap { cidr, other } => write!(f, "{cidr} overlaps {other}: choose a block that does not"),
            E::OutsideVpc { cidr, vpc, blocks } => write!(
                f,
                "{cidr} is not inside {vpc} ({blocks}): a subnet takes its addresses from a block of its VPC"
            ),
            E::NoBlock { vpc, cidr } => write!(f, "{vpc} has no block {cidr}"),
            E::Primary { vpc, cidr } => write!(
                f,
                "{cidr} is the primary block of {vpc}, the one it was created with: AWS never removes it; \
                 only secondary blocks can be removed"
            ),
            E::BlockInUse { cidr, subnets } => write!(
                f,
                "{} {} inside {cidr}: delete {} first, because AWS removes a block only when no subnet uses it",
                subnets.join(", "),
                if subnets.len() == 1 { "is" } else { "are" },
                if subnets.len() == 1 { "that subnet" } else { "those subnets" }
            ),
            E::SubnetInUse { subnet, users } => write!(
                f,
                "{subnet} still holds {}: AWS deletes a subnet only when nothing is in it; \
                 delete or move {} first",
                users.join(", "),
                if users.len() == 1 { "it" } else { "them" }
            ),
        }
    }
}

fn err(e: AddressError) -> EditError {
    EditError::Address(e)
}

/// A CIDR block as AWS takes it: valid, and written from its network address.
fn block(text: &str) -> Result<Ipv4Net> {
    let t = text.trim();
    let net: Ipv4Net = t
        .parse()
        .map_err(|_| err(AddressError::NotACidr(t.to_string())))?;
    if net.trunc() != net {
        return Err(err(AddressError::HostBits {
            text: t.to_string(),
            network: net.trunc().to_string(),
        }));
    }
    Ok(net)
}

fn sized(net: Ipv4Net, what: &'static str) -> Result<Ipv4Net> {
    if !(16..=28).contains(&net.prefix_len()) {
        return Err(err(AddressError::Size {
            cidr: net.to_string(),
            what,
        }));
    }
    Ok(net)
}

fn vpc<'a>(doc: &'a mut ScenarioDoc, id: &str) -> Result<&'a mut VpcDoc> {
    doc.vpcs
        .iter_mut()
        .find(|v| v.id == id)
        .ok_or_else(|| not_found(ResourceKind::Vpc, id))
}

/// A VPC's blocks, the primary first (`cidr`, else the first of `cidrs`), as written.
fn blocks(v: &VpcDoc) -> Vec<&String> {
    v.cidr.iter().chain(v.cidrs.iter()).collect()
}

fn same_block(text: &str, net: Ipv4Net) -> bool {
    text.trim().parse::<Ipv4Net>().is_ok_and(|n| n == net)
}

/// `associate-vpc-cidr-block`: a new block that overlaps none of the VPC's.
pub(super) fn add_cidr(doc: &mut ScenarioDoc, id: &str, cidr: &str) -> Result<()> {
    let net = sized(block(cidr)?, "VPC")?;
    let v = vpc(doc, id)?;
    if let Some(b) = blocks(v)
        .into_iter()
        .find(|b| b.parse().is_ok_and(|o| overlaps(o, net)))
    {
        return Err(err(AddressError::Overlap {
            cidr: net.to_string(),
            other: format!("{id}'s block {b}"),
        }));
    }
    // `cidr`, when written, stays the primary: the loader takes it first.
    v.cidrs.push(net.to_string());
    Ok(())
}

/// `disassociate-vpc-cidr-block`: never the primary block, never a block a subnet uses.
pub(super) fn remove_cidr(doc: &mut ScenarioDoc, id: &str, cidr: &str) -> Result<()> {
    let net = block(cidr)?;
    let v = vpc(doc, id)?;
    let all = blocks(v);
    let at = all.iter().position(|b| same_block(b, net)).ok_or_else(|| {
        err(AddressError::NoBlock {
            vpc: id.to_string(),
            cidr: net.to_string(),
        })
    })?;
    if at == 0 {
        return Err(err(AddressError::Primary {
            vpc: id.to_string(),
            cidr: net.to_string(),
        }));
    }
    let users: Vec<String> = doc
        .subnets
        .iter()
        .filter(|s| {
            s.vpc == id
                && s.cidr
                    .trim()
                    .parse::<Ipv4Net>()
                    .is_ok_and(|c| net.contains(&c))
        })
        .map(|s| s.id.clone())
        .collect();
    if !users.is_empty() {
        return Err(err(AddressError::BlockInUse {
            cidr: net.to_string(),
            subnets: users,
        }));
    }
    let v = vpc(doc, id)?;
    v.cidrs.retain(|b| !same_block(b, net));
    Ok(())
}

/// `create-subnet`: inside a block of the VPC, overlapping none of its subnets.
pub(super) fn create_subnet(
    doc: &mut ScenarioDoc,
    id: &str,
    cidr: &str,
    az: Option<&str>,
    name: &str,
) -> Result<String> {
    let net = sized(block(cidr)?, "subnet")?;
    let v = vpc(doc, id)?;
    let own: Vec<Ipv4Net> = blocks(v).iter().filter_map(|b| b.parse().ok()).collect();
    if !own.iter().any(|b| b.contains(&net)) {
        let list: Vec<&str> = blocks(v).into_iter().map(String::as_str).collect();
        return Err(err(AddressError::OutsideVpc {
            cidr: net.to_string(),
            vpc: id.to_string(),
            blocks: list.join(", "),
        }));
    }
    let clash = doc.subnets.iter().find(|s| {
        s.vpc == id
            && s.cidr
                .trim()
                .parse::<Ipv4Net>()
                .is_ok_and(|c| overlaps(c, net))
    });
    if let Some(s) = clash {
        return Err(err(AddressError::Overlap {
            cidr: net.to_string(),
            other: format!("subnet {} ({})", s.id, s.cidr),
        }));
    }
    let name = name.trim();
    let base = ids::new_subnet_id(id, name);
    let new_id = super::unused_id(doc, base, |d, x| d.subnets.iter().any(|s| s.id == x));
    doc.subnets.push(SubnetDoc {
        id: new_id.clone(),
        name: name.to_string(),
        vpc: id.to_string(),
        cidr: net.to_string(),
        az: az
            .map(str::trim)
            .filter(|z| !z.is_empty())
            .map(str::to_string),
    });
    Ok(new_id)
}

/// What has a network interface in subnet `s`: AWS refuses `delete-subnet` while any does.
fn users_of(doc: &ScenarioDoc, s: &str) -> Vec<String> {
    let mut users: Vec<String> = Vec::new();
    users.extend(
        doc.instances
            .iter()
            .filter(|i| i.subnet == s)
            .map(|i| i.id.clone()),
    );
    users.extend(
        doc.network_interfaces
            .iter()
            .filter(|e| e.subnet == s)
            .map(|e| e.id.clone()),
    );
    users.extend(
        doc.nat_gateways
            .iter()
            .filter(|n| n.subnet == s)
            .map(|n| n.id.clone()),
    );
    let in_endpoint = |e: &&crate::format::scenario::EndpointDoc| {
        e.subnets.iter().any(|x| x == s) || e.network_interfaces.iter().any(|n| n.subnet == s)
    };
    users.extend(
        doc.endpoints
            .iter()
            .filter(in_endpoint)
            .map(|e| e.id.clone()),
    );
    let attachments = doc
        .transit_gateways
        .iter()
        .flat_map(|g| g.attachments.iter());
    users.extend(
        attachments
            .filter(|a| a.subnets.iter().any(|x| x == s))
            .map(|a| a.id.clone()),
    );
    users
}

/// `delete-subnet`: only an empty subnet; its associations go with it.
pub(super) fn delete_subnet(doc: &mut ScenarioDoc, s: &str) -> Result<()> {
    if !doc.subnets.iter().any(|x| x.id == s) {
        return Err(not_found(ResourceKind::Subnet, s));
    }
    let users = users_of(doc, s);
    if !users.is_empty() {
        return Err(err(AddressError::SubnetInUse {
            subnet: s.to_string(),
            users,
        }));
    }
    doc.subnets.retain(|x| x.id != s);
    for t in &mut doc.route_tables {
        t.subnets.retain(|x| x != s);
    }
    for a in &mut doc.network_acls {
        a.subnets.retain(|x| x != s);
    }
    Ok(())
}
