from promolint.cli import main

main()
