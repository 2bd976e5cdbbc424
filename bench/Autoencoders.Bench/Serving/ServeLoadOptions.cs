using System.Globalization;

namespace Autoencoders.Bench.Serving;

/// <summary>Settings of <c>serve-load</c>: the model, how long each cell runs, and which cells.</summary>
internal sealed record ServeLoadOptions(string Model, double Seconds, int[] Clients, int[] Rows, string[] Modes, int Threads)
{
    public static ServeLoadOptions Parse(string[] args)
    {
        string? model = null;
        double seconds = 3;
        int threads = 0;
        string clients = "1,8,64", rows = "1,256", modes = "batched,unbatched";
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--model": model = Value(); break;
                case "--seconds": seconds = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--clients": clients = Value(); break;
                case "--rows": rows = Value(); break;
                case "--modes": modes = Value(); break;
                case "--threads": threads = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {args[i]}; options: --model --seconds --clients --rows --modes batched,unbatched --threads");
            }
        }
        return new ServeLoadOptions(model ?? throw new ArgumentException("serve-load needs --model MODEL (a file written by ae train)"), seconds,
            Numbers(clients), Numbers(rows), modes.Split(','), threads);
    }

    private static int[] Numbers(string list) => [.. list.Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))];
}
