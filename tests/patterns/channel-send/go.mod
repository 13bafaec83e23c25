module example.com/patterns/channel-send

go 1.19
