using Exchange.Gateway.Services;
using Exchange.V1;
using Grpc.Core;

namespace Exchange.Gateway.CourtConsole;

/// <summary>The court's statistics (CourtOffice.StatisticsAsync, as GetCourtStatistics) as SVG charts and tables.</summary>
public sealed class StatisticsModel(CourtOffice office) : ConsolePage
{
    public CourtStatistics? Statistics { get; private set; }

    public async Task OnGetAsync()
    {
        try
        {
            Statistics = await office.StatisticsAsync(Officer.ToPrincipal(), new GetCourtStatisticsRequest(), HttpContext.RequestAborted);
        }
        catch (RpcException ex)
        {
            Error = Describe(ex);
        }
    }
}
