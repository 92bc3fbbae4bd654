//! Peering connections: only packets addressed inside the peer VPC cross (R17, R18).

use super::*;

impl Walker<'_> {
    /// R17, R18: a peering connection carries only packets addressed inside the other VPC.
    pub(super) fn cross_peering(&mut self, p: PcxIdx, pkt: Header, ctx: Ctx) -> Step {
        let pc = &self.net.peerings[p.i()];
        let pid = pc.id.clone();
        let Some(peer) = pc.other_side(ctx.vpc) else {
            return Err(self.block(
                &pid,
                "peering",
                Code::NoPath,
                format!("{pid} does not connect this VPC."),
                pkt,
                None,
            ));
        };
        let pv = &self.net.vpcs[peer.i()];
        if !pv.contains(pkt.dst) {
            let why = self.peering_refusal(peer, ctx.vpc, &pid, pkt.dst);
            return Err(self.block(
                &pid,
                "peering",
                Code::PcxRequiresAddressInVpcCidr,
                why,
                pkt,
                None,
            ));
        }
        let detail = format!(
            "{pid} carries it to {} (the destination is inside that VPC, R17).",
            Network::label(&pv.id, &pv.name)
        );
        self.hop(&pid, "peering", Action::Forward, detail, pkt);
        let ctx = Ctx {
            vpc: peer,
            via: Via::Peering(p),
            ..ctx
        };
        self.deliver_local(peer, pkt, ctx, None)
    }

    /// Why a peering connection refuses a destination outside the peer: non-transitive
    /// peering, or no edge-to-edge routing (R17, R18).
    pub(super) fn peering_refusal(
        &self,
        peer: VpcIdx,
        from: VpcIdx,
        pid: &str,
        dst: Ipv4Addr,
    ) -> String {
        let net = self.net;
        let pv = &net.vpcs[peer.i()].id;
        let base =
            format!("{pid} only carries packets addressed inside {pv}, and {dst} is not (R17).");
        if let Some((_, owners)) = self.ix.vpc_cidrs.longest(dst) {
            let t = owners[0];
            if t != from && self.ix.active_peering(net, peer, t).is_some() {
                return format!("{base} {pv} is peered with {}, but peering is not transitive: traffic cannot pass through {pv} to reach it. Create a peering connection directly between the two VPCs.", net.vpcs[t.i()].id);
            }
        }
        let edge = if self.ix.vgws_in(peer).any(|g| {
            net.vpn_gateways[g.i()]
                .onprem_cidrs
                .iter()
                .any(|c| c.contains(&dst))
        }) {
            Some("VPN or Direct Connect connection")
        } else if self.ix.services.longest(dst).is_some_and(|(_, s)| {
            self.ix
                .gateway_endpoint(net, peer, &net.services[s[0]].name)
                .is_some()
        }) {
            Some("gateway endpoint")
        } else if !is_private(dst) && self.ix.nats_in(peer).next().is_some() {
            Some("NAT gateway")
        } else if !is_private(dst) && self.ix.igw_of.contains_key(&peer) {
            Some("internet gateway")
        } else {
            None
        };
        match edge {
            Some(what) => format!("{base} A VPC cannot use its peer's {what}: there is no edge-to-edge routing through a peering connection (R18)."),
            None => base,
        }
    }
}
