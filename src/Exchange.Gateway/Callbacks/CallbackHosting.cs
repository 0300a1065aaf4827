using Exchange.Storage.Callbacks;
using Microsoft.Extensions.Options;

namespace Exchange.Gateway.Callbacks;

public static class CallbackHosting
{
    /// <summary>Adds the callback methods' service and the deliverer (which runs in one gateway at a time).</summary>
    public static IServiceCollection AddExchangeCallbacks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CallbackOptions>().Bind(configuration.GetSection(CallbackOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CallbackOptions>, CallbackOptionsValidator>();
        services.AddSingleton<CallbackStore>();
        services.AddSingleton<CallbackEndpoints>();
        services.AddHttpClient(CallbackDeliverer.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            // The deliverer bounds each attempt itself (Exchange:Callbacks:Timeout). A redirect is
            // an answer that is not 2xx: following it would POST signed updates to a URL the
            // platform never registered.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddHostedService<CallbackDeliverer>();
        return services;
    }
}
