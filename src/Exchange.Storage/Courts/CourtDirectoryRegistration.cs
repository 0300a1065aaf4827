using Exchange.Domain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Exchange.Storage.Courts;

public static class CourtDirectoryRegistration
{
    /// <summary>
    /// The courts and calendar from the database (<see cref="ICourtDirectory"/>), loaded when the
    /// host starts and reloaded at each change. Safe to call twice (a silo co-hosting a gateway).
    /// Needs an <see cref="Npgsql.NpgsqlDataSource"/>.
    /// </summary>
    public static IServiceCollection AddCourtDirectory(this IServiceCollection services)
    {
        services.TryAddSingleton<CourtCatalog>();
        services.TryAddSingleton<LiveCourtDirectory>();
        services.TryAddSingleton<ICourtDirectory>(sp => sp.GetRequiredService<LiveCourtDirectory>());
        services.AddHostedService<CourtDirectoryLoader>();
        return services;
    }
}
