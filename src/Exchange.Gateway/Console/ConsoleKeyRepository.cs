using System.Xml.Linq;
using Exchange.Storage.Officers;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Exchange.Gateway.CourtConsole;

/// <summary>
/// Data Protection's key repository over the hub's database: every gateway reads and writes the
/// same key ring, so a console cookie or form token protected by one gateway is read by any other,
/// and by itself after a restart (the default, a folder in the user's home, is one machine's).
/// </summary>
public sealed class ConsoleKeyRepository(ConsoleKeyStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => [.. store.ReadAll().Select(xml => XElement.Parse(xml))];

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        store.Store(string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString() : friendlyName, element.ToString(SaveOptions.DisableFormatting));
    }
}
