using System.Text.Json;
using System.Text.Json.Serialization;

namespace Autoencoders.Dashboard.Feed;

/// <summary>How every event and answer is written: camelCase, and a diverged loss as "NaN" rather than an exception.</summary>
internal static class FeedJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);
}
