using System.Net;
using System.Net.Sockets;

namespace SinoRussiaTimeline.Tests.Support;

/// <summary>
/// A free port of 127.0.0.1 for a server the test starts in another process (a PostgreSQL cluster, a service node), which
/// binds it a moment later, or binds it again after a crash. Chosen below Linux's ephemeral range (32768-60999): a port
/// from that range, as port 0 hands out, can be taken in between by any outgoing connection of the suite (the source port
/// of a connection to PostgreSQL, say), and the server would then fail with "Address already in use". Below it only
/// explicit binds compete, and 24000-26999 is left to the scripts' clusters (scripts/local-postgres.sh, scripts/bench.sh).
/// </summary>
internal static class LoopbackPort
{
    private const int First = 27000;
    private const int Last = 32767;

    public static int Free()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(First, Last + 1);
            try
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }
        throw new InvalidOperationException($"No free port of 127.0.0.1 between {First} and {Last} after 200 tries.");
    }
}
