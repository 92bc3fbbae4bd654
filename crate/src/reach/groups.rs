//! The groups a matrix has as rows and columns, and their members: the ends of flows as
//! `trace` names them (an instance or interface id, an address, a service name).

use super::classes::{external_points, Outside};
use super::OptionError;
use crate::model::{EniOwner, Estate, Network, ResourceRef};
use serde::Serialize;
use std::collections::HashMap;
use std::net::Ipv4Addr;

/// What a group is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Subnet,
    Instance,
    Interface,
    Vpc,
    Internet,
    OnPremises,
    Service,
}

impl Kind {
    /// Parses a kind as the options name it, singular or plural.
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s.trim().trim_end_matches('s') {
            "subnet" => Kind::Subnet,
            "instance" => Kind::Instance,
            "interface" | "eni" => Kind::Interface,
            "vpc" => Kind::Vpc,
            "internet" => Kind::Internet,
            "on-premise" | "onprem" => Kind::OnPremises,
            "service" | "aws-service" => Kind::Service,
            _ => return None,
        })
    }
}

/// Which groups: every group of a kind, or the ones named (ids, names, `internet`,
/// `on-premises`, service names).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selector {
    Kind(Kind),
    Names(Vec<String>),
}

impl Selector {
    /// A kind, or a comma-separated list of names.
    pub fn parse(s: &str) -> Selector {
        match Kind::parse(s) {
            Some(k) => Selector::Kind(k),
            None => Selector::Names(
                s.split(',')
                    .map(|x| x.trim().to_string())
                    .filter(|x| !x.is_empty())
                    .collect(),
            ),
        }
    }
}

/// One end of a flow.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Member {
    /// An interface, named by its instance's id when it is the instance's primary one.
    Eni(String),
    Internet(Ipv4Addr),
    OnPrem(Ipv4Addr),
    Service(String),
}

impl Member {
    /// The name `trace` takes for it (`--from`, `--to`).
    pub(crate) fn name(&self) -> String {
        match self {
            Member::Eni(n) | Member::Service(n) => n.clone(),
            Member::Internet(ip) | Member::OnPrem(ip) => ip.to_string(),
        }
    }

    /// Whether a flow can start here (a service only answers).
    pub(crate) fn can_start(&self) -> bool {
        !matches!(self, Member::Service(_))
    }
}

/// A row or column before it is split: a named set of members.
#[derive(Clone, Debug)]
pub(crate) struct Group {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    pub members: Vec<Member>,
}

/// The groups `sel` names, over every estate (members present in any of them).
pub(crate) fn groups(estates: &[Estate], sel: &Selector) -> Result<Vec<Group>, OptionError> {
    let mut b = Builder::default();
    match sel {
        Selector::Kind(k) => {
            for e in estates {
                add_kind(e.net, *k, &mut b);
            }
            if matches!(k, Kind::Subnet | Kind::Vpc) {
                b.list.retain(|g| !g.members.is_empty());
            }
        }
        Selector::Names(names) => {
            for n in names {
                named(estates, n, &mut b)?;
            }
        }
    }
    let mut out = b.list;
    if let Some(g) = out.iter_mut().find(|g| g.kind == Kind::Internet) {
        g.members = points(estates, Outside::Internet, Member::Internet);
    }
    if let Some(g) = out.iter_mut().find(|g| g.kind == Kind::OnPremises) {
        g.members = points(estates, Outside::OnPrem, Member::OnPrem);
    }
    out.retain(|g| !g.members.is_empty() || g.kind == Kind::Subnet);
    Ok(out)
}

fn points(estates: &[Estate], o: Outside, f: fn(Ipv4Addr) -> Member) -> Vec<Member> {
    external_points(estates, o).into_iter().map(f).collect()
}

/// The member name of interface `e`: its instance's id if it is the instance's first one.
fn eni_name(net: &Network, e: usize) -> String {
    let eni = &net.enis[e];
    if let EniOwner::Instance(k) = &eni.owner {
        let inst = &net.instances[*k];
        if inst.enis.first().map(|x| x.i()) == Some(e) {
            return inst.id.clone();
        }
    }
    eni.id.clone()
}

/// An interface that starts and answers flows: an instance's or a bare one.
fn is_host(net: &Network, e: usize) -> bool {
    // A service's interface is traced up to (R27); a detached one is not a host.
    matches!(
        net.enis[e].owner,
        EniOwner::Instance(_) | EniOwner::Other | EniOwner::Service(_)
    )
}

/// Groups being collected, found by id and kind without a scan.
#[derive(Default)]
struct Builder {
    list: Vec<Group>,
    at: HashMap<(String, Kind), usize>,
}

/// Adds `m` to the group `id`, creating the group.
fn put(out: &mut Builder, id: &str, name: &str, kind: Kind, m: Option<Member>) {
    let i = *out.at.entry((id.to_string(), kind)).or_insert_with(|| {
        out.list.push(Group {
            id: id.to_string(),
            name: name.to_string(),
            kind,
            members: Vec::new(),
        });
        out.list.len() - 1
    });
    let g = &mut out.list[i];
    if let Some(m) = m {
        if !g.members.contains(&m) {
            g.members.push(m);
        }
    }
}

fn add_kind(net: &Network, k: Kind, out: &mut Builder) {
    match k {
        Kind::Subnet => net
            .subnets
            .iter()
            .for_each(|s| put(out, &s.id, &s.name, k, None)),
        Kind::Vpc => net
            .vpcs
            .iter()
            .for_each(|v| put(out, &v.id, &v.name, k, None)),
        Kind::Instance => net
            .instances
            .iter()
            .for_each(|i| put(out, &i.id, &i.name, k, Some(Member::Eni(i.id.clone())))),
        Kind::Interface => net
            .enis
            .iter()
            .for_each(|e| put(out, &e.id, &e.name, k, Some(Member::Eni(e.id.clone())))),
        Kind::Internet => put(out, "internet", "", k, None),
        Kind::OnPremises => put(out, "on-premises", "", k, None),
        Kind::Service => net
            .services
            .iter()
            .for_each(|s| put(out, &s.name, "", k, Some(Member::Service(s.name.clone())))),
    }
    if matches!(k, Kind::Subnet | Kind::Vpc) {
        for e in (0..net.enis.len()).filter(|&e| is_host(net, e)) {
            let eni = &net.enis[e];
            let id = match k {
                Kind::Subnet => &net.subnets[eni.subnet.i()].id,
                _ => &net.vpcs[eni.vpc.i()].id,
            };
            put(out, id, "", k, Some(Member::Eni(eni_name(net, e))));
        }
    }
}

/// One name of `--from`/`--to`: a kind's single group, an id, a service, or a Name tag.
fn named(estates: &[Estate], n: &str, out: &mut Builder) -> Result<(), OptionError> {
    let outside = match Kind::parse(n) {
        Some(Kind::Internet) => Some(("internet", Kind::Internet)),
        Some(Kind::OnPremises) => Some(("on-premises", Kind::OnPremises)),
        _ => None,
    };
    if let Some((id, kind)) = outside {
        put(out, id, "", kind, None);
        return Ok(());
    }
    let mut found = false;
    for e in estates {
        let net = e.net;
        let r = net.ids.get(n).copied().or_else(|| by_name(net, n));
        let kind = match r {
            Some(ResourceRef::Subnet(_)) => Kind::Subnet,
            Some(ResourceRef::Vpc(_)) => Kind::Vpc,
            Some(ResourceRef::Instance(_)) => Kind::Instance,
            Some(ResourceRef::Eni(_)) => Kind::Interface,
            Some(_) => {
                return Err(OptionError(format!(
                    "{n}: a group is a subnet, VPC, instance or interface (or internet, \
                     on-premises, a service name)"
                )))
            }
            None if net.services.iter().any(|s| s.name == n) => Kind::Service,
            None => continue,
        };
        found = true;
        add_named(net, r, n, kind, out);
    }
    if !found {
        return Err(OptionError(format!(
            "{n}: not a kind (subnets, instances, interfaces, vpcs, internet, on-premises, \
             services), nor an id, Name or service in the input"
        )));
    }
    Ok(())
}

fn add_named(net: &Network, r: Option<ResourceRef>, n: &str, kind: Kind, out: &mut Builder) {
    let id = r.map(|r| net.id_of(r).to_string()).unwrap_or(n.to_string());
    let mut all = Builder::default();
    add_kind(net, kind, &mut all);
    if let Some(g) = all.list.into_iter().find(|g| g.id == id) {
        put(out, &g.id, &g.name, kind, None);
        for m in g.members {
            put(out, &g.id, "", kind, Some(m));
        }
    }
}

/// A subnet, VPC or instance whose Name is `n` (in that order of preference).
fn by_name(net: &Network, n: &str) -> Option<ResourceRef> {
    if let Some(i) = net.subnets.iter().position(|s| s.name == n) {
        return Some(ResourceRef::Subnet(crate::model::SubnetIdx(i as u32)));
    }
    if let Some(i) = net.vpcs.iter().position(|s| s.name == n) {
        return Some(ResourceRef::Vpc(crate::model::VpcIdx(i as u32)));
    }
    net.instances
        .iter()
        .position(|s| s.name == n)
        .map(ResourceRef::Instance)
}
