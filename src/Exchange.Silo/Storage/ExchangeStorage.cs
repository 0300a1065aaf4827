namespace Exchange.Silo.Storage;

/// <summary>Names shared by the silo's storage configuration and its grains.</summary>
public static class ExchangeStorage
{
    /// <summary>The grain-storage provider of application grains.</summary>
    public const string ProviderName = "applications";
}
