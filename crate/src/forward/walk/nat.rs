//! NAT gateways: source translation for connections started inside the VPC (R14-R16).

use super::*;

impl Walker<'_> {
    /// R14-R16: a NAT gateway rewrites the source and sends the packet on from its subnet.
    pub(super) fn via_nat(&mut self, n: NatIdx, pkt: Header, ctx: Ctx, from: SubnetIdx) -> Step {
        let nat = &self.net.nat_gateways[n.i()];
        let (nid, nsub, neni, nip) = (nat.id.clone(), nat.subnet, nat.eni, nat.private_ip);
        if matches!(ctx.via, Via::Peering(_) | Via::Vgw) {
            return Err(self.block(&nid, "nat-gateway", Code::NgwRequiresSourceInVpc, format!("{nid} only translates traffic that starts in its own VPC, not traffic from a peering connection, VPN or Direct Connect (R16)."), pkt, None));
        }
        if !matches!(pkt.protocol, Protocol::Tcp | Protocol::Udp | Protocol::Icmp) {
            return Err(self.block(
                &nid,
                "nat-gateway",
                Code::ProtocolRestriction,
                format!(
                    "NAT gateways carry TCP, UDP and ICMP only, not {} (R15).",
                    pkt.protocol
                ),
                pkt,
                None,
            ));
        }
        if nsub != from {
            self.nacl(nsub, Direction::Ingress, pkt)?;
        }
        let out = Header {
            src: nip,
            src_port: if pkt.protocol.has_ports() {
                NAT_PORT
            } else {
                pkt.src_port
            },
            ..pkt
        };
        self.nat = Some(NatState {
            nat: n,
            orig_src: pkt.src,
            orig_port: pkt.src_port,
        });
        let nsub_id = self.net.subnets[nsub.i()].id.clone();
        let h = self.hop(&nid, "nat-gateway", Action::Translate, format!("{nid} rewrites the source {} to its own address {nip} (port from 1024-65535) and sends it on from its subnet (R14).", pkt.src), pkt);
        h.header_out = out;
        h.subnet = Some(nsub_id);
        let ctx = Ctx {
            vpc: ctx.vpc,
            via: Via::Origin,
            sender: None,
        };
        self.send_from_eni(neni, out, ctx)
    }
}
