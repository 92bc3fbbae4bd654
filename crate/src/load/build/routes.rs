//! Routes: each table's routes and their targets, checked against the VPC (R4, R5, R6), and the
//! routes gateway endpoints add.

use super::Builder;
use crate::load::scenario::*;
use crate::model::ids::ResourceKind;
use crate::model::*;
use ipnet::Ipv4Net;
use std::net::Ipv4Addr;

impl Builder<'_> {
    pub(super) fn routes(&mut self, doc: &ScenarioDoc) {
        for t in &doc.route_tables {
            let Some(ResourceRef::RouteTable(idx)) = self.net.ids.get(&t.id).copied() else {
                continue;
            };
            let vpc = self.net.route_tables[idx.i()].vpc;
            for (j, r) in t.routes.iter().enumerate() {
                let field = format!("routes[{j}]");
                let Some(route) = self.route(&t.id, &field, vpc, r) else {
                    continue;
                };
                let dup = self.net.route_tables[idx.i()]
                    .routes
                    .iter()
                    .any(|o| o.destination == route.destination && o.origin == route.origin);
                if dup {
                    let dest = self.net.destination_text(&route.destination);
                    self.d.error(
                        &t.id,
                        &format!("{field}.destination"),
                        format!("the table already has a route for {dest}; each destination appears once"),
                    );
                    continue;
                }
                self.net.route_tables[idx.i()].routes.push(route);
            }
        }
        // Gateway endpoints add their prefix-list route to each associated table [GWS3].
        for (ei, e) in self.net.endpoints.iter().enumerate() {
            let EndpointKind::Gateway { route_tables } = &e.kind else {
                continue;
            };
            let Some(pl) = self
                .net
                .services
                .iter()
                .find(|s| s.name == e.service)
                .and_then(|s| s.prefix_list)
            else {
                continue;
            };
            for rt in route_tables {
                let table = &mut self.net.route_tables[rt.i()];
                let exists = table
                    .routes
                    .iter()
                    .any(|r| r.destination == Destination::PrefixList(pl));
                if !exists {
                    table.routes.push(Route {
                        destination: Destination::PrefixList(pl),
                        target: Target::GatewayEndpoint(VpceIdx(ei as u32)),
                        origin: RouteOrigin::Static,
                        blackhole: false,
                    });
                }
            }
        }
    }

    fn route(&mut self, owner: &str, field: &str, vpc: VpcIdx, r: &RouteDoc) -> Option<Route> {
        let dfield = format!("{field}.destination");
        let destination = self.route_destination(owner, &dfield, &r.destination)?;
        let tfield = format!("{field}.target");
        let t = r.target.trim();
        let target = if t == "local" {
            Target::Local
        } else {
            self.route_target(owner, &tfield, t)?
        };
        self.target_in_vpc(owner, &tfield, t, vpc, &target)?;
        // R5: a propagated route inside the VPC loads and loses to `local` (model::lookup).
        if !r.propagated {
            self.inside_vpc_route(owner, &dfield, vpc, &destination, &target)?;
        }
        Some(Route {
            destination,
            target,
            origin: if r.propagated {
                RouteOrigin::Propagated
            } else {
                RouteOrigin::Static
            },
            blackhole: r.blackhole,
        })
    }

    /// A route's destination: a prefix list by id, or a CIDR block outside AWS's reserved range.
    pub(super) fn route_destination(
        &mut self,
        owner: &str,
        dfield: &str,
        dest: &str,
    ) -> Option<Destination> {
        if ResourceKind::PrefixList.owns(dest) {
            return match self.net.ids.get(dest) {
                Some(ResourceRef::PrefixList(p)) => Some(Destination::PrefixList(*p)),
                _ => {
                    self.d.error(
                        owner,
                        dfield,
                        format!("refers to prefix list \"{dest}\", which is not in the input"),
                    );
                    None
                }
            };
        }
        let c = self.cidr(owner, dfield, dest)?;
        // R6: the reserved range is never a route destination.
        let reserved: Ipv4Net = Ipv4Net::new(Ipv4Addr::new(169, 254, 168, 0), 22).ok()?;
        if overlaps(c, reserved) && c.prefix_len() >= 22 {
            self.d.error(
                owner,
                dfield,
                "169.254.168.0/22 is reserved by AWS and cannot be a route destination (R6)",
            );
            return None;
        }
        Some(Destination::Cidr(c))
    }

    /// The target a route names by id (not `local`).
    fn route_target(&mut self, owner: &str, tfield: &str, t: &str) -> Option<Target> {
        let target = match self.net.ids.get(t).copied() {
            Some(ResourceRef::InternetGateway(g)) => Target::InternetGateway(g),
            Some(ResourceRef::NatGateway(n)) => Target::NatGateway(n),
            Some(ResourceRef::Peering(p)) => Target::Peering(p),
            Some(ResourceRef::Endpoint(e)) => match self.net.endpoints[e.i()].kind {
                EndpointKind::Gateway { .. } => Target::GatewayEndpoint(e),
                EndpointKind::Interface { .. } => {
                    let why = format!(
                        "{t} is an interface endpoint; routes can target gateway endpoints only \
                         (an interface endpoint is reached by its address)"
                    );
                    self.d.error(owner, tfield, why);
                    return None;
                }
            },
            Some(ResourceRef::VpnGateway(g)) => Target::VpnGateway(g),
            Some(ResourceRef::TransitGateway(t)) => Target::TransitGateway(t),
            Some(ResourceRef::Eni(e)) => Target::NetworkInterface(e),
            Some(ResourceRef::Instance(i)) => {
                Target::NetworkInterface(self.net.instances[i].enis[0])
            }
            Some(_) => {
                self.d
                    .error(owner, tfield, format!("{t} cannot be a route target"));
                return None;
            }
            None => return self.absent_target(owner, tfield, t),
        };
        Some(target)
    }

    /// A target that is not in the input: a kind the engine does not model, a deleted resource
    /// of a kind it does, or not a target at all.
    fn absent_target(&mut self, owner: &str, tfield: &str, t: &str) -> Option<Target> {
        if ids::is_unmodelled_target(t) {
            // AWS input was already reported by the converter, with AWS's field name.
            if !self.targets_reported {
                let why = format!(
                    "routes to {t} are not modelled; packets that match this route stop there"
                );
                self.d.unsupported(owner, tfield, why);
            }
            Some(Target::Unsupported(t.to_string()))
        } else if ids::is_modelled_target(t) {
            // AWS keeps routes to deleted targets as blackhole routes [RST].
            self.d.warn(
                owner,
                tfield,
                format!("target {t} is not in the input; the route is treated as blackhole"),
            );
            Some(Target::Missing(t.to_string()))
        } else {
            let why = format!(
                "\"{t}\" is not a route target; use \"local\" or the id of an {} resource",
                ids::modelled_target_prefixes()
            );
            self.d.error(owner, tfield, why);
            None
        }
    }

    /// Checks that tie the target to this VPC: `None` when the route is refused.
    fn target_in_vpc(
        &mut self,
        owner: &str,
        tfield: &str,
        t: &str,
        vpc: VpcIdx,
        target: &Target,
    ) -> Option<()> {
        let vpc_id = self.net.vpcs[vpc.i()].id.clone();
        let detached = format!("{t} is not attached to {vpc_id}; the route is blackhole (R4)");
        let elsewhere = format!("{t} is in another VPC");
        match target {
            Target::InternetGateway(g) if self.net.internet_gateways[g.i()].vpc != Some(vpc) => {
                self.d.warn(owner, tfield, detached);
            }
            Target::VpnGateway(g) if self.net.vpn_gateways[g.i()].vpc != Some(vpc) => {
                self.d.warn(owner, tfield, detached);
            }
            Target::NatGateway(n)
                if self.net.subnets[self.net.nat_gateways[n.i()].subnet.i()].vpc != vpc =>
            {
                let why = format!("{elsewhere}; a route can only use a NAT gateway in its own VPC");
                self.d.error(owner, tfield, why);
                return None;
            }
            Target::Peering(p) => {
                let pc = &self.net.peerings[p.i()];
                if pc.other_side(vpc).is_none() {
                    self.d
                        .error(owner, tfield, format!("{t} does not connect {vpc_id}"));
                    return None;
                }
                if pc.status != PeeringStatus::Active {
                    let why = format!(
                        "{t} is {}, so this route is blackhole until the connection is active (R4)",
                        pc.status.as_str()
                    );
                    self.d.warn(owner, tfield, why);
                }
            }
            Target::GatewayEndpoint(e) if self.net.endpoints[e.i()].vpc != vpc => {
                self.d.error(owner, tfield, elsewhere);
                return None;
            }
            Target::NetworkInterface(e) if self.net.enis[e.i()].vpc != vpc => {
                self.d.error(owner, tfield, elsewhere);
                return None;
            }
            Target::TransitGateway(g) if self.net.tgw_attachment_for(*g, vpc).is_none() => {
                let why = format!(
                    "{t} has no available attachment to {vpc_id}; the route is blackhole (R4)"
                );
                self.d.warn(owner, tfield, why);
            }
            _ => {}
        }
        Some(())
    }

    /// R5: a route inside the VPC's range must be a whole subnet, to a NAT gateway or ENI.
    fn inside_vpc_route(
        &mut self,
        owner: &str,
        dfield: &str,
        vpc: VpcIdx,
        destination: &Destination,
        target: &Target,
    ) -> Option<()> {
        let Destination::Cidr(c) = destination else {
            return Some(());
        };
        let inside = self.net.vpcs[vpc.i()].cidrs.iter().any(|vc| vc.contains(c));
        if !inside || *target == Target::Local {
            return Some(());
        }
        let whole_subnet = self
            .net
            .subnets
            .iter()
            .any(|s| s.vpc == vpc && s.cidr == *c);
        let ok_target = matches!(target, Target::NatGateway(_) | Target::NetworkInterface(_));
        if whole_subnet && ok_target {
            return Some(());
        }
        let why = format!(
            "{c} is inside the VPC; a route more specific than local must cover a whole subnet \
             and point to a NAT gateway or network interface (R5)"
        );
        self.d.error(owner, dfield, why);
        None
    }
}
