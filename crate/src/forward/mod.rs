//! Forwarding analysis: follow one flow hop by hop, request then reply, applying R1-R26.
//!
//! The result is data (Batfish's Trace -> Hop shape): a dropped packet is a `Trace` whose
//! disposition is `Dropped`, with the blocking resource and component, an explanation code, a
//! typed reason, its sentence and, where a configuration change would help, a fix. Only a flow
//! that names nothing we know is an error. Reads the `model` (an `Estate`), never `load`.

mod trace;
mod walk;

pub use crate::model::lookup::{lookup, lookup_with, Candidate, Outcome, RouteDecision};
pub use trace::{
    Action, Component, Disposition, Drop, FlowInfo, Header, Hop, Leg, RuleAction, RuleKind,
    RuleMatch, Trace, Verdict,
};

use crate::model::{is_private, EniIdx, Estate, Protocol, ResourceRef};
use std::fmt;
use std::net::Ipv4Addr;

/// The source port a client picks: inside the Linux (32768-60999), Windows (49152-65535) and
/// NAT gateway (1024-65535) ephemeral ranges alike [NACL].
pub const CLIENT_PORT: u16 = 49152;
/// The port a NAT gateway maps the source to (REMAP_EPHEMERAL_PORT). NAT gateways use the
/// whole 1024-65535 range, so an ACL must allow all of it for replies to pass reliably.
pub const NAT_PORT: u16 = 1024;
/// Hops after which a trace gives up (a routing loop, or an absurd chain of appliances).
pub const HOP_LIMIT: usize = 128;

/// What to trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowSpec {
    /// An instance id, an interface id, or a private IPv4 address of an interface.
    pub from: String,
    /// An IPv4 address, an instance or interface id, or an AWS service name.
    pub to: String,
    pub protocol: Protocol,
    pub port: u16,
}

impl FlowSpec {
    /// A flow from its parts as a scenario, a lesson goal or the page give them: protocol
    /// `tcp` (default), `udp` or `icmp`; port 443 by default.
    pub fn from_parts(
        from: &str,
        to: &str,
        protocol: Option<&str>,
        port: Option<u16>,
    ) -> Result<FlowSpec, FlowError> {
        let protocol = match protocol.unwrap_or("tcp") {
            "tcp" => Protocol::Tcp,
            "udp" => Protocol::Udp,
            "icmp" => Protocol::Icmp,
            other => {
                return Err(FlowError(format!(
                    "protocol \"{other}\": use tcp, udp or icmp"
                )))
            }
        };
        Ok(FlowSpec {
            from: from.to_string(),
            to: to.to_string(),
            protocol,
            port: port.unwrap_or(443),
        })
    }
}

/// A flow that cannot be traced because it names something unknown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowError(pub String);

impl fmt::Display for FlowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for FlowError {}

/// Where a flow starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    Eni(EniIdx),
    /// An address of the corporate network behind a virtual private gateway.
    OnPrem(crate::model::VgwIdx, Ipv4Addr),
    /// A public address on the internet.
    Internet(Ipv4Addr),
}

/// How the destination was named.
#[derive(Clone, Debug)]
pub(crate) enum Wanted {
    /// A particular interface (an instance or ENI id, or an address that names one).
    Eni(EniIdx),
    /// An address: whatever answers there.
    Address,
}

/// Traces `flow` through `loaded`, request and reply.
pub fn trace<'a>(estate: impl Into<Estate<'a>>, flow: &FlowSpec) -> Result<Trace, FlowError> {
    trace_request(estate, flow, None)
}

/// Traces `flow` carrying a request to an AWS service, which endpoint, bucket and role
/// policies must all allow (R22).
pub fn trace_request<'a>(
    estate: impl Into<Estate<'a>>,
    flow: &FlowSpec,
    request: Option<&crate::policy::Request>,
) -> Result<Trace, FlowError> {
    let loaded = estate.into();
    let (src, dst_ip, wanted, info) = resolve_flow(loaded, flow, true)?;
    Ok(walk::run(loaded, src, dst_ip, wanted, info, request, false))
}

/// The verdict on `flow` alone: whether it is reachable and where it stops, without the
/// hop sentences, the explanation or the fix (`trace --brief`, the matrix).
pub fn verdict<'a>(
    estate: impl Into<Estate<'a>>,
    flow: &FlowSpec,
    request: Option<&crate::policy::Request>,
) -> Result<Verdict, FlowError> {
    let loaded = estate.into();
    let (src, dst_ip, wanted, info) = resolve_flow(loaded, flow, false)?;
    Ok(Verdict::of(&walk::run(
        loaded, src, dst_ip, wanted, info, request, true,
    )))
}

/// Names turned into a source, a destination address, what is wanted there, and the flow as
/// resolved; its texts (names, the destination described) left empty unless `texts`: a
/// verdict alone shows none.
fn resolve_flow(
    loaded: Estate,
    flow: &FlowSpec,
    texts: bool,
) -> Result<(Source, Ipv4Addr, Wanted, FlowInfo), FlowError> {
    let net = loaded.net;
    let src = resolve_source(loaded, &flow.from)?;
    let (dst_ip, wanted, described) = match src {
        Source::Eni(e) => resolve_destination(loaded, Some(e), &flow.to, texts)?,
        _ => resolve_destination(loaded, None, &flow.to, texts)?,
    };
    // Several VPCs may reach the same corporate network: the packet takes the tunnel of the
    // VPC that owns the destination.
    let src = match src {
        Source::OnPrem(g, ip) => {
            let owner = loaded
                .ix
                .onprem
                .matches(ip)
                .flat_map(|(_, gws)| gws.iter().copied())
                .find(|gw| {
                    net.vpn_gateways[gw.i()]
                        .vpc
                        .is_some_and(|v| net.vpcs[v.i()].contains(dst_ip))
                });
            // R28: or the gateway of that VPC whose BGP connection may advertise the source.
            let owner = owner.or_else(|| {
                net.vpn_connections
                    .iter()
                    .filter(|v| v.available() && v.routing == crate::model::VpnRouting::Bgp)
                    .map(|v| v.vgw)
                    .find(|gw| {
                        net.vpn_gateways[gw.i()]
                            .vpc
                            .is_some_and(|v| net.vpcs[v.i()].contains(dst_ip))
                    })
            });
            Source::OnPrem(owner.unwrap_or(g), ip)
        }
        other => other,
    };
    // From the internet, an instance is reached at its public address (R12).
    let dst_ip = match (src, &wanted) {
        (Source::Internet(_), Wanted::Eni(e)) => net.enis[e.i()].public_ip.unwrap_or(dst_ip),
        _ => dst_ip,
    };
    let (source_eni, source_ip) = match src {
        Source::Eni(e) => (
            texts.then(|| net.enis[e.i()].id.clone()),
            net.enis[e.i()].private_ip,
        ),
        Source::OnPrem(_, ip) | Source::Internet(ip) => (None, ip),
    };
    let info = FlowInfo {
        from: if texts {
            flow.from.clone()
        } else {
            String::new()
        },
        to: if texts {
            flow.to.clone()
        } else {
            String::new()
        },
        source_eni,
        source_ip,
        destination_ip: dst_ip,
        destination: described,
        protocol: flow.protocol,
        port: flow.port,
    };
    Ok((src, dst_ip, wanted, info))
}

fn resolve_source(loaded: Estate, from: &str) -> Result<Source, FlowError> {
    resolve_source_eni(loaded, from)
        .map(Source::Eni)
        .or_else(|e| {
            let ip: Ipv4Addr = from.trim().parse().map_err(|_| e.clone())?;
            if net_has_ip(loaded, ip) {
                return Err(e);
            }
            if let Some((_, gws)) = loaded.ix.onprem.longest(ip) {
                return Ok(Source::OnPrem(gws[0], ip));
            }
            // R28: a BGP connection's prefixes are not in the input; a private address outside
            // the estate may be behind it, which the trace then says it assumes.
            let outside = loaded.ix.vpc_cidrs.longest(ip).is_none();
            if let Some(g) = bgp_gateway(loaded).filter(|_| is_private(ip) && outside) {
                return Ok(Source::OnPrem(g, ip));
            }
            if is_private(ip) {
                return Err(FlowError(format!(
                "from {from}: no interface has this address, and it is not inside the on-premises \
                 networks of a virtual private gateway"
            )));
            }
            if loaded.ix.vpc_cidrs.longest(ip).is_some() {
                return Err(e);
            }
            Ok(Source::Internet(ip))
        })
}

/// The first attached virtual private gateway with an available BGP VPN connection.
fn bgp_gateway(loaded: Estate) -> Option<crate::model::VgwIdx> {
    let net = loaded.net;
    net.vpn_connections
        .iter()
        .find(|v| {
            v.available()
                && v.routing == crate::model::VpnRouting::Bgp
                && net.vpn_gateways[v.vgw.i()].vpc.is_some()
        })
        .map(|v| v.vgw)
}

fn net_has_ip(loaded: Estate, ip: Ipv4Addr) -> bool {
    loaded.ix.enis_by_ip.contains_key(&ip)
}

fn resolve_source_eni(loaded: Estate, from: &str) -> Result<EniIdx, FlowError> {
    let net = &loaded.net;
    let from = from.trim();
    match net.ids.get(from) {
        Some(ResourceRef::Eni(e)) => return Ok(*e),
        Some(ResourceRef::Instance(i)) => {
            return net.instances[*i].enis.first().copied().ok_or_else(|| {
                FlowError(format!("instance {from} has no network interface"))
            })
        }
        Some(_) => {
            return Err(FlowError(format!(
                "from {from}: a flow starts at an instance, a network interface, or an interface's private IP"
            )))
        }
        None => {}
    }
    if let Ok(ip) = from.parse::<Ipv4Addr>() {
        let mut found = loaded.ix.enis_by_ip.get(&ip).into_iter().flatten().copied();
        return match (found.next(), found.next()) {
            (Some(e), None) => Ok(e),
            (Some(_), Some(_)) => Err(FlowError(format!(
                "from {from}: several VPCs have an interface with this address; name the instance or interface instead"
            ))),
            _ => Err(FlowError(format!(
                "from {from}: no network interface in the input has this address"
            ))),
        };
    }
    Err(FlowError(format!(
        "from {from}: not an instance id, interface id or IPv4 address in the input"
    )))
}

fn resolve_destination(
    loaded: Estate,
    src: Option<EniIdx>,
    to: &str,
    texts: bool,
) -> Result<(Ipv4Addr, Wanted, String), FlowError> {
    let net = &loaded.net;
    let to = to.trim();
    let text = |f: &dyn Fn() -> String| if texts { f() } else { String::new() };
    match net.ids.get(to) {
        Some(ResourceRef::Eni(e)) => {
            let eni = &net.enis[e.i()];
            return Ok((
                eni.private_ip,
                Wanted::Eni(*e),
                text(&|| format!("interface {}", crate::model::Network::label(&eni.id, &eni.name))),
            ));
        }
        Some(ResourceRef::Instance(i)) => {
            let inst = &net.instances[*i];
            let e = *inst.enis.first().ok_or_else(|| {
                FlowError(format!("instance {to} has no network interface"))
            })?;
            return Ok((
                net.enis[e.i()].private_ip,
                Wanted::Eni(e),
                text(&|| format!("instance {}", crate::model::Network::label(&inst.id, &inst.name))),
            ));
        }
        Some(_) => {
            return Err(FlowError(format!(
                "to {to}: a flow goes to an address, an instance, a network interface or an AWS service name"
            )))
        }
        None => {}
    }
    if let Ok(ip) = to.parse::<Ipv4Addr>() {
        return Ok((ip, Wanted::Address, format!("address {ip}")));
    }
    if to.starts_with("com.amazonaws.") {
        return resolve_service(loaded, src, to);
    }
    Err(FlowError(format!(
        "to {to}: not an IPv4 address, an instance or interface id in the input, or an AWS \
         service name (com.amazonaws.REGION.SERVICE)"
    )))
}

/// Resolves a service name the way DNS would inside the source VPC: an interface endpoint
/// with private DNS there answers with its address; otherwise the public service does.
fn resolve_service(
    loaded: Estate,
    src: Option<EniIdx>,
    name: &str,
) -> Result<(Ipv4Addr, Wanted, String), FlowError> {
    use crate::model::EndpointKind;
    let net = &loaded.net;
    // Outside a VPC (on premises, the internet) public DNS answers: the public service.
    let here = src.map(|e| {
        let s = &net.enis[e.i()];
        (s.vpc, net.subnets[s.subnet.i()].az.as_str())
    });
    let in_vpc = here
        .map(|(v, _)| loaded.ix.endpoints_in(v))
        .into_iter()
        .flatten();
    for ep in in_vpc
        .map(|e| &net.endpoints[e.i()])
        .filter(|e| e.service == name)
    {
        let vpc = &net.vpcs[ep.vpc.i()];
        let src_az = here.map(|(_, az)| az).unwrap_or("");
        if let EndpointKind::Interface {
            enis,
            private_dns: true,
            ..
        } = &ep.kind
        {
            if !(vpc.dns_support && vpc.dns_hostnames) {
                continue;
            }
            // DNS answers with every endpoint address; clients in an AZ with one use it.
            let pick = enis
                .iter()
                .find(|e| net.subnets[net.enis[e.i()].subnet.i()].az == src_az)
                .or(enis.first());
            if let Some(e) = pick {
                return Ok((
                    net.enis[e.i()].private_ip,
                    Wanted::Eni(*e),
                    format!(
                        "{name} resolves to interface endpoint {} (private DNS)",
                        ep.id
                    ),
                ));
            }
        }
    }
    let svc = net
        .services
        .iter()
        .find(|x| x.name == name)
        .ok_or_else(|| {
            FlowError(format!(
                "to {name}: unknown AWS service; known ones are listed in data/aws-services.json"
            ))
        })?;
    let first = svc
        .cidrs
        .first()
        .ok_or_else(|| FlowError(format!("to {name}: the service has no known address range")))?;
    // A representative address inside the service's range.
    let ip = Ipv4Addr::from(u32::from(first.network()).saturating_add(10));
    Ok((
        ip,
        Wanted::Address,
        format!("{name} resolves to its public address {ip}"),
    ))
}
