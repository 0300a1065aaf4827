using Exchange.V1;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Exchange.Client.Tests;

/// <summary>
/// Retries through a real channel to a real gRPC server (Kestrel, h2c on 127.0.0.1) that fails the
/// first N calls with a chosen status and records every request it received.
/// </summary>
public sealed class RetryTests : IAsyncLifetime
{
    private static readonly RetrySettings Quick = new() { InitialBackoff = TimeSpan.FromMilliseconds(5), MaxBackoff = TimeSpan.FromMilliseconds(20) };

    private readonly FlakyHub _hub = new();
    private WebApplication _server = null!;
    private Uri _endpoint = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(_hub);
        builder.Services.AddSingleton<IServiceMethodProvider<FlakyHub>, FlakyHubMethods>();
        _server = builder.Build();
        _server.MapGrpcService<FlakyHub>();
        await _server.StartAsync();
        var address = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _endpoint = new Uri(address);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ExchangeClient Client(RetrySettings? retry = null) =>
        ExchangeClient.Create(_endpoint, "exk_retry", new ExchangeClientOptions { Retry = retry ?? Quick });

    [Fact]
    public async Task UnavailableTwice_IsRetried_AndEveryAttemptCarriesTheSameFilledInRequestId()
    {
        _hub.FailFirst(2, StatusCode.Unavailable);
        using var client = Client();
        var request = new SubmitCorrectionRequest { ApplicationId = "0193a1b2-0000-7000-8000-000000000001" };

        var application = await client.Filing.SubmitCorrectionAsync(request);

        Assert.Equal(ApplicationStatus.Received, application.Status);
        var seen = _hub.Requests.Cast<SubmitCorrectionRequest>().ToList();
        Assert.Equal(3, seen.Count);
        Assert.True(Guid.TryParse(request.RequestId, out _), $"request_id '{request.RequestId}' is not a UUID");
        Assert.All(seen, r => Assert.Equal(request, r));
        Assert.Equal("Bearer exk_retry", _hub.Authorization);
    }

    [Fact]
    public async Task ARequestIdTheCallerSet_IsKept()
    {
        using var client = Client();
        var request = new CourtActRequest { ApplicationId = "0193a1b2-0000-7000-8000-000000000001", RequestId = "clerk-7" };

        await client.Courts.ConfirmAgreementAsync(request);

        Assert.Equal("clerk-7", ((CourtActRequest)Assert.Single(_hub.Requests)).RequestId);
    }

    [Fact]
    public async Task EachCallWithoutARequestId_GetsItsOwn()
    {
        using var client = Client();

        await client.Courts.StartReviewAsync(new CourtActRequest { ApplicationId = "a" });
        await client.Courts.StartReviewAsync(new CourtActRequest { ApplicationId = "a" });

        var ids = _hub.Requests.Cast<CourtActRequest>().Select(r => r.RequestId).ToList();
        Assert.Equal(2, ids.Distinct().Count());
        Assert.DoesNotContain("", ids);
    }

    [Fact]
    public async Task AlwaysUnavailable_StopsAfterMaxAttempts_AndThrowsUnavailable()
    {
        _hub.FailFirst(100, StatusCode.Unavailable);
        using var client = Client(Quick with { MaxAttempts = 4 });

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.Filing.SubmitCorrectionAsync(new SubmitCorrectionRequest { ApplicationId = "a" }));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal(4, _hub.Requests.Count);
    }

    [Theory]
    [InlineData(nameof(RetrySettings.Default), 5)]
    [InlineData(nameof(RetrySettings.None), 1)]
    public async Task TheGivenSettings_MakeTheirAttempts(string settings, int attempts)
    {
        _hub.FailFirst(100, StatusCode.Unavailable);
        using var client = Client(settings == nameof(RetrySettings.None) ? RetrySettings.None : RetrySettings.Default);

        await Assert.ThrowsAsync<RpcException>(() => client.Filing.GetAsync("a"));

        Assert.Equal(attempts, _hub.Requests.Count);
    }

    [Theory]
    [InlineData(StatusCode.Unknown)]
    [InlineData(StatusCode.DeadlineExceeded)]
    [InlineData(StatusCode.Internal)]
    [InlineData(StatusCode.ResourceExhausted)]
    [InlineData(StatusCode.FailedPrecondition)]
    [InlineData(StatusCode.Aborted)]
    [InlineData(StatusCode.InvalidArgument)]
    [InlineData(StatusCode.Unauthenticated)]
    public async Task AnyOtherStatus_IsNotRetried(StatusCode code)
    {
        _hub.FailFirst(1, code);
        using var client = Client();

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.Courts.AcceptApplicationAsync(new CourtActRequest { ApplicationId = "a" }));

        Assert.Equal(code, ex.StatusCode);
        Assert.Single(_hub.Requests);
    }

    [Fact]
    public async Task ARetryResendsAMaximumSizeSubmission()
    {
        // Near the hub's 4 MiB limit: grpc-dotnet sends a request larger than its retry buffer once.
        _hub.FailFirst(1, StatusCode.Unavailable);
        using var client = Client();
        var request = new SubmitApplicationRequest { PlatformCaseId = new string('x', 3_900_000) };

        await client.Filing.SubmitAsync(request);

        Assert.Equal(2, _hub.Requests.Count);
    }

    [Fact]
    public void OutOfRangeSettings_AreRefusedWhenTheClientIsCreated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Client(new RetrySettings { MaxAttempts = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Client(new RetrySettings { InitialBackoff = TimeSpan.Zero }));
    }

    /// <summary>The fake hub: answers every call, after failing the first N with a status.</summary>
    public sealed class FlakyHub
    {
        private readonly Lock _gate = new();
        private readonly List<object> _requests = [];
        private int _failures;
        private StatusCode _code;

        public string? Authorization { get; private set; }

        public IReadOnlyList<object> Requests
        {
            get
            {
                lock (_gate)
                {
                    return [.. _requests];
                }
            }
        }

        public void FailFirst(int failures, StatusCode code)
        {
            _failures = failures;
            _code = code;
        }

        public Task<TResponse> Answer<TRequest, TResponse>(TRequest request, ServerCallContext context)
            where TResponse : new()
        {
            lock (_gate)
            {
                _requests.Add(request!);
                Authorization = context.RequestHeaders.GetValue("authorization");
                if (_failures > 0)
                {
                    _failures--;
                    throw new RpcException(new Status(_code, "scripted " + _code));
                }
            }

            return Task.FromResult(new TResponse());
        }
    }

    /// <summary>Maps the contract's methods used here onto <see cref="FlakyHub"/>, with the client's own message types.</summary>
    private sealed class FlakyHubMethods : IServiceMethodProvider<FlakyHub>
    {
        public void OnServiceMethodDiscovery(ServiceMethodProviderContext<FlakyHub> context)
        {
            Add<SubmitApplicationRequest, Receipt>(context, "FilingService", "SubmitApplication");
            Add<GetApplicationRequest, Application>(context, "FilingService", "GetApplication");
            Add<SubmitCorrectionRequest, Application>(context, "FilingService", "SubmitCorrection", received: true);
            Add<CourtActRequest, Application>(context, "CourtService", "AcceptApplication");
            Add<CourtActRequest, Application>(context, "CourtService", "StartReview");
            Add<CourtActRequest, Application>(context, "CourtService", "ConfirmAgreement");
        }

        private static void Add<TRequest, TResponse>(ServiceMethodProviderContext<FlakyHub> context, string service, string name, bool received = false)
            where TRequest : class, Google.Protobuf.IMessage<TRequest>, new()
            where TResponse : class, Google.Protobuf.IMessage<TResponse>, new()
        {
            var method = new Method<TRequest, TResponse>(
                MethodType.Unary,
                "exchange.v1." + service,
                name,
                Marshallers.Create(m => Google.Protobuf.MessageExtensions.ToByteArray(m), Parse<TRequest>),
                Marshallers.Create(m => Google.Protobuf.MessageExtensions.ToByteArray(m), Parse<TResponse>));
            context.AddUnaryMethod(method, [], async (hub, request, call) =>
            {
                var response = await hub.Answer<TRequest, TResponse>(request, call);
                if (received && response is Application application)
                {
                    application.Status = ApplicationStatus.Received;
                }

                return response;
            });
        }

        private static T Parse<T>(byte[] bytes)
            where T : Google.Protobuf.IMessage<T>, new() =>
            new Google.Protobuf.MessageParser<T>(() => new T()).ParseFrom(bytes);
    }
}
