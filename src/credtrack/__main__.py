from credtrack.cli import main

main()
