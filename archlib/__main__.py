from archlib.cli.app import main

main()
