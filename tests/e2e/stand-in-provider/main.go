// Command pulumi-resource-<name> is a stand-in resource provider for the end-to-end
// previews (scripts/e2e.sh), used only when the real provider plugin cannot be built
// from the Go module proxy (see docs/real-engine.md).
//
// It lets the real Pulumi engine run the real program, the real Node.js SDKs and the
// real policy pack, but it validates nothing: Check accepts any inputs, and a preview
// of a new resource returns its inputs (the SDK then treats every other output as
// unknown, as it does with a real provider). Its one data source is the lookup of a
// project's Scaleway Cockpit data source (observability getSource), answered with a
// made-up ID and URL of the real shape, because the program reads the URL of its
// metrics source at preview; every other Invoke fails. It refuses to create anything
// for real. Built as pulumi-resource-scaleway and
// pulumi-resource-random; the name comes from the executable's file name.
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// Version is set with -ldflags "-X main.Version=<version>".
var Version = "0.0.0"

type standIn struct {
	pulumirpc.UnimplementedResourceProviderServer
	name string
}

func (p *standIn) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: Version}, nil
}

func (p *standIn) GetSchema(context.Context, *pulumirpc.GetSchemaRequest) (*pulumirpc.GetSchemaResponse, error) {
	return &pulumirpc.GetSchemaResponse{
		Schema: fmt.Sprintf(`{"name":%q,"version":%q}`, p.name, Version),
	}, nil
}

func (p *standIn) CheckConfig(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

func (p *standIn) DiffConfig(context.Context, *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_UNKNOWN}, nil
}

func (p *standIn) Configure(context.Context, *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	return &pulumirpc.ConfigureResponse{AcceptSecrets: true, SupportsPreview: true, AcceptResources: true}, nil
}

func (p *standIn) Check(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

func (p *standIn) Diff(context.Context, *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_UNKNOWN}, nil
}

func (p *standIn) Create(_ context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	if !req.GetPreview() {
		return nil, status.Errorf(codes.Unimplemented,
			"%s stand-in provider: previews only, it creates nothing", p.name)
	}
	props := req.GetProperties()
	if props == nil {
		props = &structpb.Struct{}
	}
	return &pulumirpc.CreateResponse{Properties: props}, nil
}

func (p *standIn) Read(_ context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	return &pulumirpc.ReadResponse{Id: req.GetId(), Properties: req.GetProperties(), Inputs: req.GetInputs()}, nil
}

func (p *standIn) Update(_ context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	if !req.GetPreview() {
		return nil, status.Errorf(codes.Unimplemented,
			"%s stand-in provider: previews only, it updates nothing", p.name)
	}
	return &pulumirpc.UpdateResponse{Properties: req.GetNews()}, nil
}

func (p *standIn) Delete(context.Context, *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

func (p *standIn) Invoke(_ context.Context, req *pulumirpc.InvokeRequest) (*pulumirpc.InvokeResponse, error) {
	if req.GetTok() == "scaleway:observability/getSource:getSource" {
		args := req.GetArgs().AsMap()
		region, _ := args["region"].(string)
		if region == "" {
			region = "fr-par"
		}
		kind, _ := args["type"].(string)
		if kind == "" {
			kind = "metrics"
		}
		id := "00000000-0000-4000-8000-00000000c0c0"
		args["id"] = region + "/" + id
		args["url"] = "https://" + id + "." + kind + ".cockpit." + region + ".scw.cloud"
		ret, err := structpb.NewStruct(args)
		if err != nil {
			return nil, err
		}
		return &pulumirpc.InvokeResponse{Return: ret}, nil
	}
	return nil, status.Errorf(codes.Unimplemented,
		"%s stand-in provider: no data sources (%s)", p.name, req.GetTok())
}

func (p *standIn) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

func (p *standIn) Attach(context.Context, *pulumirpc.PluginAttach) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

func main() {
	name := strings.TrimPrefix(filepath.Base(os.Args[0]), "pulumi-resource-")
	if name == "" || strings.Contains(name, string(filepath.Separator)) {
		name = "stand-in"
	}
	cancel := make(chan bool)
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancel,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterResourceProviderServer(srv, &standIn{name: name})
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "fatal: %v\n", err)
		os.Exit(1)
	}
	// The engine reads the port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "fatal: %v\n", err)
		os.Exit(1)
	}
}
