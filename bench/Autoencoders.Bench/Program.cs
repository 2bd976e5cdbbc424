using Autoencoders.Bench;

return args.FirstOrDefault() == "gemm" ? GemmBench.Run(args[1..]) : BenchCommand.Run(args);
