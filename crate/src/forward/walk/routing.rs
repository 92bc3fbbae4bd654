//! Route tables: the lookup picks the next component, or the route is blackhole (R1-R6).

use super::*;

impl Walker<'_> {
    /// R1-R6: the subnet's route table picks the next component.
    pub(super) fn route_from(&mut self, subnet: SubnetIdx, pkt: Header, ctx: Ctx) -> Step {
        let rtb = self.net.route_table_of(subnet);
        let table = &self.net.route_tables[rtb.i()];
        let tid = table.id.clone();
        let vpc_id = self.net.vpcs[table.vpc.i()].id.clone();
        let sid = self.net.subnets[subnet.i()].id.clone();
        if !self.visited.insert((rtb, self.leg, pkt.src, pkt.dst)) || self.hops.len() > HOP_LIMIT {
            return Err(self.block(&tid, "route-table", Code::NoPath, format!("The packet came back to {tid} again: the routes form a loop, so it never arrives."), pkt, None));
        }
        // R6: the reserved link-local block is never forwarded.
        let o = pkt.dst.octets();
        if o[0] == 169 && o[1] == 254 && (168..172).contains(&o[2]) {
            return Err(self.block(
                &tid,
                "route-table",
                Code::NoRouteToDestination,
                format!(
                    "{} is in 169.254.168.0/22, which AWS reserves and never forwards (R6).",
                    pkt.dst
                ),
                pkt,
                None,
            ));
        }
        let decision = lookup(self.net, self.ix, rtb, pkt.dst);
        let Some(m) = decision.matched.clone() else {
            let fix = suggest::suggest_route(self.estate(), rtb, subnet, pkt);
            let mut why = format!("Route table {tid} (used by {sid}) has no route that covers {}, so the packet is dropped (R3).", pkt.dst);
            if let Some(extra) = suggest::no_route_hint(self.estate(), table.vpc, pkt.dst) {
                why.push(' ');
                why.push_str(&extra);
            }
            let b = self.block(
                &tid,
                "route-table",
                Code::NoRouteToDestination,
                why,
                pkt,
                fix,
            );
            if let Some(h) = self.hops.last_mut() {
                h.route = Some(decision);
                h.vpc = Some(vpc_id);
                h.subnet = Some(sid);
            }
            return Err(b);
        };
        let route = table.routes[m.index].clone();
        if let Some(b) = self.bad_state(rtb, &route, &m, pkt, &decision) {
            return Err(b);
        }
        let lost = decision
            .candidates
            .iter()
            .skip(1)
            .map(|c| {
                let why = if c.outcome == "shorter-prefix" {
                    format!("/{} is less specific", c.prefix_len)
                } else {
                    "same prefix, lower priority".to_string()
                };
                format!("{} -> {} ({why})", c.destination, c.target)
            })
            .collect::<Vec<_>>();
        let mut detail = format!(
            "Route table {tid} sends {} to {} by the route {}.",
            pkt.dst, m.target, m.destination
        );
        if !lost.is_empty() {
            detail.push_str(&format!(
                " Other matching routes lose: {}.",
                lost.join(", ")
            ));
        }
        let h = self.hop(&tid, "route-table", Action::Forward, detail, pkt);
        h.route = Some(decision);
        h.vpc = Some(vpc_id);
        h.subnet = Some(sid);
        match route.target {
            Target::Local => self.deliver_local(table.vpc, pkt, ctx, Some(subnet)),
            Target::InternetGateway(g) => self.egress_igw(g, pkt, ctx, rtb, &m.destination),
            Target::NatGateway(n) => self.via_nat(n, pkt, ctx, subnet),
            Target::Peering(p) => self.cross_peering(p, pkt, ctx),
            Target::GatewayEndpoint(v) => self.via_gateway_endpoint(v, pkt, ctx),
            Target::VpnGateway(g) => self.egress_vgw(g, pkt, ctx),
            Target::NetworkInterface(e) => self.via_appliance(e, pkt, ctx, subnet),
            Target::Unsupported(_) | Target::Missing(_) => unreachable_target(self, &tid, pkt),
        }
    }

    /// R4: a route whose target is missing or not usable is blackhole; no other route is tried.
    pub(super) fn bad_state(
        &mut self,
        rtb: RtbIdx,
        route: &Route,
        m: &super::super::Candidate,
        pkt: Header,
        decision: &RouteDecision,
    ) -> Option<Blocked> {
        let table = &self.net.route_tables[rtb.i()];
        let tid = table.id.clone();
        let vpc = table.vpc;
        // The same test the summary uses for a route's state; below only says why.
        if !self.net.is_blackhole(vpc, route) {
            return None;
        }
        let (at, kind, why, fix): (String, &'static str, String, Option<Fix>) = match &route.target {
            Target::Missing(id) => (tid.clone(), "route-table", format!("The route {} -> {id} in {tid} is blackhole: {id} does not exist (deleted, or not in the input) (R4)."
                , m.destination), None),
            Target::Unsupported(id) => (tid.clone(), "route-table", format!("The route {} -> {id} in {tid} leads to a component the playground does not model yet.", m.destination), None),
            Target::InternetGateway(g) if self.net.internet_gateways[g.i()].vpc != Some(vpc) => {
                let id = self.net.internet_gateways[g.i()].id.clone();
                (id.clone(), "internet-gateway", format!("The route {} -> {id} is blackhole: {id} is not attached to this VPC (R4).", m.destination), None)
            }
            Target::VpnGateway(g) if self.net.vpn_gateways[g.i()].vpc != Some(vpc) => {
                let id = self.net.vpn_gateways[g.i()].id.clone();
                (id.clone(), "vpn-gateway", format!("The route {} -> {id} is blackhole: {id} is not attached to this VPC (R4).", m.destination), None)
            }
            Target::NatGateway(n) if !self.net.nat_gateways[n.i()].available => {
                let id = self.net.nat_gateways[n.i()].id.clone();
                (id.clone(), "nat-gateway", format!("The route {} -> {id} is blackhole: NAT gateway {id} is not available (R4).", m.destination), None)
            }
            Target::Peering(p) if self.net.peerings[p.i()].status != PeeringStatus::Active => {
                let pc = &self.net.peerings[p.i()];
                let id = pc.id.clone();
                let (fix, tail) = match pc.status {
                    PeeringStatus::PendingAcceptance => (
                        Some(Fix::new(FixAction::AcceptPeering { peering: id.clone() })),
                        format!(" The owner of {} must accept it.", self.net.vpcs[pc.accepter.i()].id),
                    ),
                    PeeringStatus::Failed if pc.requested_status.is_some() => (
                        None,
                        " AWS fails a peering request between VPCs whose CIDR blocks overlap, secondary blocks included (R19); give one VPC a different range.".to_string(),
                    ),
                    _ => (None, String::new()),
                };
                (id.clone(), "peering", format!("The route {} -> {id} is blackhole: the peering connection is {}, not active (R4).{tail}", m.destination, pc.status.as_str()), fix)
            }
            _ => (tid.clone(), "route-table", format!("The route {} in {tid} is reported blackhole: its target is unavailable (R4).", m.destination), None),
        };
        if at != tid {
            // The table did choose a route; the drop belongs to the target's state.
            let detail = format!(
                "Route table {tid} picks the route {} -> {} for {}.",
                m.destination, m.target, pkt.dst
            );
            self.hop(&tid, "route-table", Action::Forward, detail, pkt)
                .route = Some(decision.clone());
        }
        let b = self.block(&at, kind, Code::BadStateRoute, why, pkt, fix);
        // Show the route decision on the blocking hop too.
        if let Some(h) = self.hops.last_mut() {
            h.route = Some(decision.clone());
        }
        Some(b)
    }
}
