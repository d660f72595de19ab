using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace SinoRussiaTimeline.Tests.Support;

/// <summary>
/// A TCP forwarder on 127.0.0.1 in front of PostgreSQL. <see cref="Cut"/> makes the database vanish for the service
/// behind it (every open connection reset, new ones refused, as when the server stops) without disturbing the run's
/// shared PostgreSQL; <see cref="Restore"/> brings it back on the same port.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<int, (TcpClient Client, TcpClient Upstream)> _open = new();
    private TcpListener? _listener;
    private CancellationTokenSource _accepting = new();
    private int _next;

    public TcpProxy(string targetHost, int targetPort)
    {
        (_targetHost, _targetPort) = (targetHost, targetPort);
        Port = Listen(0);
    }

    public int Port { get; }

    public void Cut()
    {
        _accepting.Cancel();
        _listener?.Stop();
        _listener = null;
        foreach (var (key, (client, upstream)) in _open)
        {
            Reset(client);
            Reset(upstream);
            _open.TryRemove(key, out _);
        }
    }

    public void Restore()
    {
        if (_listener is not null) return;
        _accepting = new CancellationTokenSource();
        Listen(Port);
    }

    private int Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _ = AcceptAsync(listener, _accepting.Token);
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ForwardAsync(client, ct);
        }
    }

    private async Task ForwardAsync(TcpClient client, CancellationToken ct)
    {
        var upstream = new TcpClient();
        var key = Interlocked.Increment(ref _next);
        try
        {
            await upstream.ConnectAsync(_targetHost, _targetPort, ct);
            _open[key] = (client, upstream);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var up = client.GetStream().CopyToAsync(upstream.GetStream(), stop.Token);
            var down = upstream.GetStream().CopyToAsync(client.GetStream(), stop.Token);
            await Task.WhenAny(up, down);
            await stop.CancelAsync();
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection ended, or was cut on purpose.
        }
        finally
        {
            _open.TryRemove(key, out _);
            client.Dispose();
            upstream.Dispose();
        }
    }

    // An abortive close, as a crashed server leaves its connections.
    private static void Reset(TcpClient connection)
    {
        try
        {
            if (connection.Client is { } socket) socket.LingerState = new LingerOption(true, 0);
            connection.Close();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        _accepting.Dispose();
        return ValueTask.CompletedTask;
    }
}
