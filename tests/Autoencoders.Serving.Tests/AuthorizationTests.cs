using System.Net;
using System.Net.Http.Headers;
using Autoencoders.Serving.Security;

namespace Autoencoders.Serving.Tests;

/// <summary>A token, once set, guards every endpoint; a server reachable from other machines cannot start without one.</summary>
public sealed class AuthorizationTests
{
    [Fact]
    public async Task ANonLoopbackHostWithoutATokenDoesNotStart()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ScoringServer.StartAsync(TinyServedModel.Create(), new ServerOptions { Host = IPAddress.Any, Port = 0 }));
        Assert.Contains("host 0.0.0.0: a server reachable from other machines needs a token", error.Message);
    }

    [Fact]
    public async Task OnAllInterfacesOnlyRequestsWithTheTokenAreAnswered()
    {
        string token = BearerToken.Generate();
        await using var server = await ScoringServer.StartAsync(TinyServedModel.Create(), new ServerOptions { Host = IPAddress.Any, Port = 0, Token = token });
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Address.Port}") };
        const string body = "{\"rows\": [[0.5, 0, 200, 0.25]]}";

        foreach (string? given in new[] { null, "wrong", token + "x", token[..^1] })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/score") { Content = new StringContent(body) };
            if (given is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", given);
            using var refused = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("Authorization: Bearer", await refused.Content.ReadAsStringAsync());
        }
        using (var health = await client.GetAsync("/health")) Assert.Equal(HttpStatusCode.Unauthorized, health.StatusCode);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var admitted = await client.PostAsync("/score", new StringContent(body));
        Assert.Single((await RunningServer.ReadAsync(admitted)).GetProperty("rows").EnumerateArray());
    }

    [Fact]
    public void GeneratedTokensAreLongRandomAndUrlSafe()
    {
        string[] tokens = [.. Enumerable.Range(0, 20).Select(_ => BearerToken.Generate())];
        Assert.All(tokens, t => Assert.Matches("^[A-Za-z0-9_-]{43}$", t));
        Assert.Equal(20, tokens.Distinct().Count());
    }
}
