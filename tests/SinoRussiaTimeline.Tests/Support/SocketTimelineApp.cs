using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace SinoRussiaTimeline.Tests.Support;

/// <summary>
/// The real service on Kestrel, on a free port of 127.0.0.1, for tests that need a real socket: a PostgreSQL crash while
/// connections are open, the caller's address as a proxy in front of the service would present it.
/// </summary>
public class SocketTimelineApp : TimelineApp
{
    public SocketTimelineApp(TestDatabase database) : base(database) => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

    public override ValueTask InitializeAsync()
    {
        StartServer();
        return ValueTask.CompletedTask;
    }

    /// <summary>A client of the real socket, configured as every test client is (<see cref="TimelineApp"/>'s client settings).</summary>
    public HttpClient CreateSocketClient()
    {
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        ConfigureClient(client);
        client.BaseAddress = new Uri(address);
        return client;
    }
}
