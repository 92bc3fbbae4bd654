//! Peering connections: only packets addressed inside the peer VPC cross (R17, R18).

use super::*;

impl Walker<'_> {
    /// R17, R18: a peering connection carries only packets addressed inside the other VPC.
    pub(super) fn cross_peering(&mut self, p: PcxIdx, pkt: Header, ctx: Ctx) -> Walked {
        let pc = &self.net.peerings[p.i()];
        let pid = pc.id.clone();
        let Some(peer) = pc.other_side(ctx.vpc) else {
            let reason = Reason::PeeringNotConnected { pcx: pid.clone() };
            return Err(self.block(&pid, Component::Peering, reason, pkt));
        };
        let pv = &self.net.vpcs[peer.i()];
        if !pv.contains(pkt.dst) {
            let reason = self.peering_refusal(peer, ctx.vpc, &pid, pkt.dst);
            return Err(self.block(&pid, Component::Peering, reason, pkt));
        }
        let event = Event::PeeringCarries {
            pcx: pid.clone(),
            peer: Network::label(&pv.id, &pv.name),
        };
        self.hop(&pid, Component::Peering, Action::Forward, event, pkt);
        if pv.known_only_from.is_some() {
            // R27: the files end here; say so rather than "nobody has the address".
            let reason = Reason::BeyondTheFiles {
                pcx: pid,
                vpc: pv.id.clone(),
                account: Some(pv.account.clone()),
                dst: pkt.dst,
            };
            let at = pv.id.clone();
            return Err(self.block(&at, Component::Vpc, reason, pkt));
        }
        let ctx = Ctx {
            vpc: peer,
            via: Via::Peering(p),
            ..ctx
        };
        self.deliver_local(peer, pkt, ctx, None)
    }

    /// Why a peering connection refuses a destination outside the peer: non-transitive
    /// peering, or no edge-to-edge routing (R17, R18).
    fn peering_refusal(&self, peer: VpcIdx, from: VpcIdx, pid: &str, dst: Ipv4Addr) -> Reason {
        let net = self.net;
        let (pcx, pv) = (pid.to_string(), net.vpcs[peer.i()].id.clone());
        if let Some((_, owners)) = self.ix.vpc_cidrs.longest(dst) {
            let t = owners[0];
            if t != from && self.ix.active_peering(net, peer, t).is_some() {
                return Reason::PeeringNotTransitive {
                    pcx,
                    peer: pv,
                    target: net.vpcs[t.i()].id.clone(),
                    dst,
                    tgw: self.shared_tgw(from, t),
                };
            }
        }
        match self.peer_edge(peer, dst) {
            Some(edge) => Reason::PeeringNoEdgeToEdge {
                pcx,
                peer: pv,
                dst,
                edge,
            },
            None => Reason::PeeringOutsidePeer { pcx, peer: pv, dst },
        }
    }

    /// A transit gateway both VPCs have an available attachment on: the transitive way the
    /// non-transitive refusal can name instead of a new peering connection.
    fn shared_tgw(&self, a: VpcIdx, b: VpcIdx) -> Option<String> {
        let net = self.net;
        let list = net.tgw_vpc_attachment.get(&a)?;
        list.iter()
            .map(|(t, _)| *t)
            .find(|t| {
                net.tgw_attachment_for(*t, a).is_some() && net.tgw_attachment_for(*t, b).is_some()
            })
            .map(|t| net.transit_gateways[t.i()].id.clone())
    }

    /// The peer's way out that the destination lies behind, if any (R18).
    fn peer_edge(&self, peer: VpcIdx, dst: Ipv4Addr) -> Option<Edge> {
        let net = self.net;
        let onprem = self.ix.vgws_in(peer).any(|g| {
            net.vpn_gateways[g.i()]
                .onprem_cidrs
                .iter()
                .any(|c| c.contains(&dst))
        });
        if onprem {
            return Some(Edge::VpnOrDirectConnect);
        }
        let endpoint = self.ix.services.longest(dst).is_some_and(|(_, s)| {
            self.ix
                .gateway_endpoint(net, peer, &net.services[s[0]].name)
                .is_some()
        });
        if endpoint {
            Some(Edge::GatewayEndpoint)
        } else if !is_private(dst) && self.ix.nats_in(peer).next().is_some() {
            Some(Edge::NatGateway)
        } else if !is_private(dst) && self.ix.igw_of.contains_key(&peer) {
            Some(Edge::InternetGateway)
        } else {
            None
        }
    }
}
