"""Lab 10 grader: network; the hole is exporting the NIC's rings by mmap (/dev/net0),
the switcher's forwarding, and the UDP echo service over the user-space stack.

  /tests/netrings  maps /dev/net0's rings and buffers, checks the ring layout
                   (src/uapi), sends an ARP request to QEMU's gateway, gets the reply
  /tests/switch    two clients on the switcher exchange frames by MAC and by UDP port,
                   in isolated and in zero-copy mode
  UDP echo         the guest runs the switcher and an echo server on UDP port 7; the
                   grader sends datagrams carrying the nonce from the host through QEMU's
                   hostfwd (127.0.0.1 only) and expects each back unchanged

PENDING until the virtio-net driver, the switcher and the user-space stack exist.
"""
import socket

from seaos import machine

from labs import common

LAB = 10
PENDING = "virtio-net, /dev/net rings, the switcher and the user-space stack are pending"
FOLDER = "10-network"
ECHO_PROGRAM = "/bin/udpecho-demo"  # starts the switcher and an echo server on port 7


def free_udp_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def udp_echo_test(ctx, arch, smp):
    def run():
        budget, token, port = common.Budget(240), common.nonce(), free_udp_port()
        net = ["-netdev", "user,id=net0,hostfwd=udp:127.0.0.1:%d-:7" % port,
               "-device", "virtio-net-pci,netdev=net0"]
        with common.boot("lab10-udpecho-%s-smp%d" % (arch, smp), arch, smp,
                         "nonce=%s init=%s" % (token, ECHO_PROGRAM), mem=ctx.mem,
                         extra_args=net) as m:
            common.expect_banner(m, arch, smp, ctx.mib, token, budget)
            m.expect(r"\[%s\] udpecho: ready" % token, timeout=budget.left())
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                s.settimeout(5 * machine.SCALE)
                for i in range(8):
                    payload = ("%s %d" % (token, i)).encode() * (1 + 40 * i)
                    for _ in range(3):  # UDP: a lost datagram is retried, not failed
                        s.sendto(payload, ("127.0.0.1", port))
                        try:
                            if s.recvfrom(65536)[0] == payload:
                                break
                        except socket.timeout:
                            continue
                    else:
                        raise machine.MachineError("datagram %d (%d bytes) not echoed" % (
                            i, len(payload)))
    return run


TESTS = (
    ("NIC rings mapped from /dev/net0, ARP to the gateway", "program", "/tests/netrings",
     {1: 10}),
    ("switcher forwards between two clients", "program", "/tests/switch", {1: 5, 4: 10}),
    ("UDP echo from the host through hostfwd", "custom", udp_echo_test, {1: 10, 4: 5}),
)
ANSWER_POINTS = 20


def add(suite, ctx):
    common.add_table(suite, ctx, LAB, FOLDER, TESTS, ANSWER_POINTS)
