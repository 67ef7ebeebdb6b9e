from pathcheck.cli import main

main()
