//! Routes: each table's routes and their targets, checked against the VPC (R4, R5, R6), and the
//! routes gateway endpoints add.

use super::Builder;
use crate::load::scenario::*;
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
                if let Some(route) = self.route(&t.id, &field, vpc, r) {
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

    pub(super) fn route(
        &mut self,
        owner: &str,
        field: &str,
        vpc: VpcIdx,
        r: &RouteDoc,
    ) -> Option<Route> {
        let dfield = format!("{field}.destination");
        let destination = if r.destination.starts_with("pl-") {
            match self.net.ids.get(r.destination.as_str()) {
                Some(ResourceRef::PrefixList(p)) => Destination::PrefixList(*p),
                _ => {
                    self.d.error(
                        owner,
                        &dfield,
                        format!(
                            "refers to prefix list \"{}\", which is not in the input",
                            r.destination
                        ),
                    );
                    return None;
                }
            }
        } else {
            let c = self.cidr(owner, &dfield, &r.destination)?;
            // R6: the reserved range is never a route destination.
            let reserved: Ipv4Net = Ipv4Net::new(Ipv4Addr::new(169, 254, 168, 0), 22).ok()?;
            if overlaps(c, reserved) && c.prefix_len() >= 22 {
                self.d.error(
                    owner,
                    &dfield,
                    "169.254.168.0/22 is reserved by AWS and cannot be a route destination (R6)",
                );
                return None;
            }
            Destination::Cidr(c)
        };
        let tfield = format!("{field}.target");
        let t = r.target.trim();
        let target = if t == "local" {
            Target::Local
        } else {
            match self.net.ids.get(t).copied() {
                Some(ResourceRef::InternetGateway(g)) => Target::InternetGateway(g),
                Some(ResourceRef::NatGateway(n)) => Target::NatGateway(n),
                Some(ResourceRef::Peering(p)) => Target::Peering(p),
                Some(ResourceRef::Endpoint(e)) => match self.net.endpoints[e.i()].kind {
                    EndpointKind::Gateway { .. } => Target::GatewayEndpoint(e),
                    EndpointKind::Interface { .. } => {
                        self.d.error(owner, &tfield, format!("{t} is an interface endpoint; routes can target gateway endpoints only (an interface endpoint is reached by its address)"));
                        return None;
                    }
                },
                Some(ResourceRef::VpnGateway(g)) => Target::VpnGateway(g),
                Some(ResourceRef::Eni(e)) => Target::NetworkInterface(e),
                Some(ResourceRef::Instance(i)) => {
                    Target::NetworkInterface(self.net.instances[i].enis[0])
                }
                Some(_) => {
                    self.d
                        .error(owner, &tfield, format!("{t} cannot be a route target"));
                    return None;
                }
                None => {
                    let known = ["igw-", "nat-", "pcx-", "vpce-", "vgw-", "eni-", "i-"];
                    let unsupported = ["tgw-", "eigw-", "cagw-", "lgw-", "arn:"];
                    if unsupported.iter().any(|p| t.starts_with(p)) {
                        // AWS input was already reported by the converter, with AWS's field name.
                        if !self.targets_reported {
                            self.d.unsupported(owner, &tfield, format!("routes to {t} are not modelled; packets that match this route stop there"));
                        }
                        Target::Unsupported(t.to_string())
                    } else if known.iter().any(|p| t.starts_with(p)) {
                        // AWS keeps routes to deleted targets as blackhole routes [RST].
                        self.d.warn(
                            owner,
                            &tfield,
                            format!(
                                "target {t} is not in the input; the route is treated as blackhole"
                            ),
                        );
                        Target::Missing(t.to_string())
                    } else {
                        self.d.error(owner, &tfield, format!("\"{t}\" is not a route target; use \"local\" or the id of an igw-, nat-, pcx-, vpce-, vgw-, eni- or i- resource"));
                        return None;
                    }
                }
            }
        };
        // Checks that tie the target to this VPC.
        let vpc_id = self.net.vpcs[vpc.i()].id.clone();
        match &target {
            Target::InternetGateway(g) if self.net.internet_gateways[g.i()].vpc != Some(vpc) => {
                self.d.warn(
                    owner,
                    &tfield,
                    format!("{t} is not attached to {vpc_id}; the route is blackhole (R4)"),
                );
            }
            Target::VpnGateway(g) if self.net.vpn_gateways[g.i()].vpc != Some(vpc) => {
                self.d.warn(
                    owner,
                    &tfield,
                    format!("{t} is not attached to {vpc_id}; the route is blackhole (R4)"),
                );
            }
            Target::NatGateway(n)
                if self.net.subnets[self.net.nat_gateways[n.i()].subnet.i()].vpc != vpc =>
            {
                self.d.error(
                    owner,
                    &tfield,
                    format!(
                        "{t} is in another VPC; a route can only use a NAT gateway in its own VPC"
                    ),
                );
                return None;
            }
            Target::Peering(p) => {
                let pc = &self.net.peerings[p.i()];
                if pc.other_side(vpc).is_none() {
                    self.d
                        .error(owner, &tfield, format!("{t} does not connect {vpc_id}"));
                    return None;
                }
                if pc.status != PeeringStatus::Active {
                    self.d.warn(owner, &tfield, format!("{t} is {}, so this route is blackhole until the connection is active (R4)", pc.status.as_str()));
                }
            }
            Target::GatewayEndpoint(e) if self.net.endpoints[e.i()].vpc != vpc => {
                self.d
                    .error(owner, &tfield, format!("{t} is in another VPC"));
                return None;
            }
            Target::NetworkInterface(e) if self.net.enis[e.i()].vpc != vpc => {
                self.d
                    .error(owner, &tfield, format!("{t} is in another VPC"));
                return None;
            }
            _ => {}
        }
        // R5: a route inside the VPC's range must be a whole subnet, to a NAT gateway or ENI.
        if let Destination::Cidr(c) = &destination {
            let inside = self.net.vpcs[vpc.i()].cidrs.iter().any(|vc| vc.contains(c));
            if inside && target != Target::Local {
                let whole_subnet = self
                    .net
                    .subnets
                    .iter()
                    .any(|s| s.vpc == vpc && s.cidr == *c);
                let ok_target =
                    matches!(target, Target::NatGateway(_) | Target::NetworkInterface(_));
                if !(whole_subnet && ok_target) {
                    self.d.error(owner, &dfield, format!("{c} is inside the VPC; a route more specific than local must cover a whole subnet and point to a NAT gateway or network interface (R5)"));
                    return None;
                }
            }
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
}
