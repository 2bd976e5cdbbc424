using Autoencoders.Bench;

try
{
    return args.FirstOrDefault() switch
    {
        "gemm" => GemmBench.Run(args[1..]),
        "gemm-chunks" => GemmChunkBench.Run(args[1..]),
        "core-latency" => CoreLatency.Run(args[1..]),
        "serve-load" => Autoencoders.Bench.Serving.ServeLoad.Run(args[1..]),
        "text-seq" => TextSeqBench.Run(args[1..]),
        _ => BenchCommand.Run(args),
    };
}
catch (ArgumentException error)
{
    // Bad input, as the CLI reports it: one line naming the option, exit 2, no stack trace.
    Console.Error.WriteLine($"bench: {error.Message}");
    return 2;
}
