//! NAT gateways: source translation for connections started inside the VPC (R14-R16).

use super::*;

impl Walker<'_> {
    /// R14-R16: a NAT gateway rewrites the source and sends the packet on from its subnet.
    pub(super) fn via_nat(&mut self, n: NatIdx, pkt: Header, ctx: Ctx, from: SubnetIdx) -> Walked {
        let nat = &self.net.nat_gateways[n.i()];
        let (nid, nsub, neni, nip) = (nat.id.clone(), nat.subnet, nat.eni, nat.private_ip);
        if let Some(entered_via) = ctx.via.edge() {
            let reason = Reason::EdgeToEdge {
                gateway: nid.clone(),
                through: Through::NatGateway,
                entered_via,
                link: None,
            };
            return Err(self.block(&nid, Component::NatGateway, reason, pkt));
        }
        if !matches!(pkt.protocol, Protocol::Tcp | Protocol::Udp | Protocol::Icmp) {
            let reason = Reason::NatProtocol {
                protocol: pkt.protocol,
            };
            return Err(self.block(&nid, Component::NatGateway, reason, pkt));
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
        let event = Event::NatTranslates {
            nat: nid.clone(),
            from: pkt.src,
            to: nip,
        };
        let h = self.hop(&nid, Component::NatGateway, Action::Translate, event, pkt);
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
